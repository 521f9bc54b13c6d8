using System.Runtime.CompilerServices;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;

namespace Regurgitate.Testing;

/// <summary>
/// A run that sleeps instead of training: <paramref name="duration"/> spread over the configuration's steps (at most
/// ten), each reporting a loss, then a completed end. The dispatch benchmark's workers use it to show how throughput
/// scales with workers where two cores could not train that many runs at once.
/// </summary>
public sealed class SleepingRunExecutor(TimeSpan duration, TimeProvider timeProvider) : IRunExecutor
{
    public async IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var started = timeProvider.GetTimestamp();
        yield return new RunStarted("cpu (sleeping)", config.TrainSize, config.DevSize, config.TestSize, config.Model.VocabSize, 0, Threads: 1);
        yield return new PhaseChanged(RunPhase.Training, "Sleeping");
        var steps = Math.Clamp(config.Training.MaxSteps, 1, 10);
        for (var step = 1; step <= steps; step++)
        {
            var cancelled = false;
            try
            {
                await Task.Delay(duration / steps, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }

            if (cancelled)
            {
                yield return new RunFinished(RunOutcome.Cancelled, $"Cancelled at step {step - 1}", timeProvider.GetElapsedTime(started));
                yield break;
            }

            yield return new StepCompleted(step, steps, 10.0 / step, 1e-3, 0, step, step, step / (double)steps, timeProvider.GetElapsedTime(started), null);
        }

        yield return new RunFinished(RunOutcome.Completed, null, timeProvider.GetElapsedTime(started));
    }
}
