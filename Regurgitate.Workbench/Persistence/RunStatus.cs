namespace Regurgitate.Workbench.Persistence;

public enum RunStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
    /// <summary>The application stopped while the run was queued or running; the run cannot be resumed.</summary>
    Interrupted,
}
