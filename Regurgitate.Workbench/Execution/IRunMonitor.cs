namespace Regurgitate.Workbench.Execution;

public interface IRunMonitor
{
    /// <summary>
    /// Subscribes to a run that is queued or running (in this process, or in Workers mode on any worker, followed through
    /// the database); null when it is not (then the database holds its complete, final record). <paramref name="onUpdate"/>
    /// is called on a background thread.
    /// </summary>
    RunObservation? Observe(int runId, Action<RunUpdate> onUpdate);
}
