namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Control of the run queue, shared by the Runs page and <c>regurgitate runs</c>: re-prioritise queued runs, cancel
/// queued or running runs, retry failed, cancelled or interrupted ones. Works on the database, so it also reaches runs
/// that another process (the dashboard) holds.
/// </summary>
public interface IRunQueue
{
    /// <summary>Every run that is queued or running, in queue order (running first), with its queue position.</summary>
    Task<IReadOnlyList<RunQueueEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Sets the priority of a queued run (higher starts first; 0 is normal).</summary>
    Task<RunQueueResult> SetPriorityAsync(int runId, int priority, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the priority of an experiment: each of its queued runs (generators and scorers as well as the grid) takes
    /// it now, and the runs it queues later take it too.
    /// </summary>
    Task<RunQueueResult> SetExperimentPriorityAsync(int experimentId, int priority, CancellationToken cancellationToken);

    /// <summary>Cancels a queued run at once, or asks a running run to stop (it records how far it got).</summary>
    Task<RunQueueResult> CancelAsync(int runId, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a failed, cancelled or interrupted run again in place (same row and folder, attempt + 1); it continues
    /// from its last complete checkpoint when its folder has one, else starts afresh.
    /// </summary>
    Task<RunQueueResult> RetryAsync(int runId, CancellationToken cancellationToken);
}
