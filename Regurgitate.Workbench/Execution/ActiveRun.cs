using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// In-memory state of a queued or running run: its latest snapshot, its full curve history (so a page opened mid-run
/// sees every point, including those not yet flushed to the database) and its subscribers.
/// </summary>
internal sealed class ActiveRun(RunSnapshot initial, RunConfig config, string runDirectory) : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<MetricSample> history = [];
    private readonly List<Action<RunUpdate>> subscribers = [];
    private RunSnapshot snapshot = initial;

    public int RunId { get; } = initial.RunId;
    public RunConfig Config { get; } = config;
    public string RunDirectory { get; } = runDirectory;
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The final status, once the run has ended and its record is saved.</summary>
    public TaskCompletionSource<RunStatus> Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunSnapshot Snapshot
    {
        get
        {
            lock (gate)
            {
                return snapshot;
            }
        }
    }

    public RunObservation Observe(Action<RunUpdate> onUpdate)
    {
        lock (gate)
        {
            subscribers.Add(onUpdate);
            return new RunObservation(snapshot, history.ToArray(), new Unsubscriber(this, onUpdate));
        }
    }

    /// <summary>Records a new state and its points, then tells every subscriber (outside the lock: they may be slow).</summary>
    public void Publish(RunSnapshot next, IReadOnlyList<MetricSample> newPoints, Action<Exception> onSubscriberError)
    {
        Action<RunUpdate>[] targets;
        lock (gate)
        {
            snapshot = next;
            history.AddRange(newPoints);
            targets = [.. subscribers];
        }

        var update = new RunUpdate(next, newPoints);
        foreach (var target in targets)
        {
            try
            {
                target(update);
            }
            catch (Exception ex)
            {
                // One broken page must not stop the run or starve the other pages.
                onSubscriberError(ex);
            }
        }
    }

    public void Dispose() => Cancellation.Dispose();

    private sealed class Unsubscriber(ActiveRun run, Action<RunUpdate> onUpdate) : IDisposable
    {
        public void Dispose()
        {
            lock (run.gate)
            {
                run.subscribers.Remove(onUpdate);
            }
        }
    }
}
