using Regurgitate.Engine.Experiments.Events;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// Runs one training run end to end (data, vocabulary, training, dev evaluation, final test) and reports every step
/// as a <see cref="RunEvent"/>. The sequence always ends with exactly one <see cref="RunFinished"/>, also when the run
/// is cancelled or fails; it never throws for a failure of the run itself.
/// </summary>
public interface IRunExecutor
{
    /// <param name="config">What to train.</param>
    /// <param name="runDirectory">Folder for this run's artefacts (vocabulary, checkpoints); created when missing.</param>
    /// <param name="cancellationToken">Cancels the run; the sequence then ends with a Cancelled outcome.</param>
    IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, CancellationToken cancellationToken);

    /// <summary>The same, on the hardware share a coordinator chose (<paramref name="resources"/>); executors that cannot use it ignore it.</summary>
    IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, RunResources resources, CancellationToken cancellationToken) =>
        RunAsync(config, runDirectory, cancellationToken);
}
