using System.Runtime.CompilerServices;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// Test double of the engine: emits the event sequence a real run produces (data, vocabulary, steps with a falling
/// loss, dev evaluations, a checkpoint, the test evaluation, the end), quickly and deterministically.
/// </summary>
public sealed class ScriptedRunExecutor(TimeSpan stepDelay) : IRunExecutor
{
    public const string BleuSignature = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0";
    public const string ChrFSignature = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0";

    public ScriptedRunExecutor()
        : this(TimeSpan.Zero)
    {
    }

    public List<(RunConfig Config, string RunDirectory)> Calls { get; } = [];

    /// <summary>Completes when a run has passed its first step, so tests can act on a run that is surely running.</summary>
    public TaskCompletionSource FirstStepDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource> called = new();

    /// <summary>
    /// Completes once the engine has been called <paramref name="count"/> times, e.g. a retried run started again
    /// (<see cref="FirstStepDone"/> completes only once).
    /// </summary>
    public Task CalledAsync(int count) => CallSignal(count).Task;

    public async IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls.Add((config, runDirectory));
        CallSignal(Calls.Count).TrySetResult();
        var started = DateTimeOffset.UtcNow;
        yield return new RunStarted("cpu (test double)", config.TrainSize, config.DevSize, config.TestSize, config.Model.VocabSize, 1_234_567, Threads: 1);
        yield return new PhaseChanged(RunPhase.LoadingData, "Loading corpus", 1.0);
        yield return new PhaseChanged(RunPhase.LearningVocabulary, "Learning a joint BPE vocabulary", 1.0);
        yield return new PhaseChanged(RunPhase.Training, "Training");

        var maxSteps = config.Training.MaxSteps;
        for (var step = 1; step <= maxSteps; step++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                yield return new RunFinished(RunOutcome.Cancelled, "Cancelled at step " + (step - 1), DateTimeOffset.UtcNow - started);
                yield break;
            }

            await Task.Delay(stepDelay, CancellationToken.None);
            var loss = 9.0 * Math.Exp(-step / 15.0) + 1.5;
            yield return new StepCompleted(step, maxSteps, loss, 1e-3 * Math.Min(1.0, step / 10.0), 2_300, step * 2_048L, step * 64L, step / 100.0,
                DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(maxSteps - step));
            FirstStepDone.TrySetResult();

            if (step % config.Training.EvaluateEvery == 0)
            {
                yield return new PhaseChanged(RunPhase.Evaluating, "Translating the dev set");
                yield return new EvaluationCompleted(step, EvaluationSplit.Dev, 2.0 + step / 4.0, BleuSignature, 20.0 + step / 2.0, ChrFSignature, loss + 0.3,
                    [new TranslationSample("Ein Hund rennt <schnell> über die Wiese.", "A dog runs <fast> across the meadow.", "A dog runs over the meadow.")]);
                yield return new CheckpointSaved(step, Path.Combine(runDirectory, $"step-{step}.pt"));
                yield return new PhaseChanged(RunPhase.Training, "Training");
            }
        }

        yield return new PhaseChanged(RunPhase.Testing, "Translating the test set");
        yield return new EvaluationCompleted(maxSteps, EvaluationSplit.Test, 12.3, BleuSignature, 41.7, ChrFSignature, null,
            [new TranslationSample("Zwei Männer spielen Fußball.", "Two men play football.", "Two men are playing soccer.")]);
        yield return new RunFinished(RunOutcome.Completed, null, DateTimeOffset.UtcNow - started);
    }

    private TaskCompletionSource CallSignal(int count) => called.GetOrAdd(count, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}
