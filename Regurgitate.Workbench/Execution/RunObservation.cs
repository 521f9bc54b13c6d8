namespace Regurgitate.Workbench.Execution;

/// <summary>
/// A live run's state and full curve history taken atomically with the subscription, so that no update is missed
/// or seen twice. Dispose to stop receiving updates.
/// </summary>
public sealed class RunObservation(RunSnapshot snapshot, IReadOnlyList<MetricSample> history, IDisposable subscription) : IDisposable
{
    public RunSnapshot Snapshot { get; } = snapshot;
    public IReadOnlyList<MetricSample> History { get; } = history;

    public void Dispose() => subscription.Dispose();
}
