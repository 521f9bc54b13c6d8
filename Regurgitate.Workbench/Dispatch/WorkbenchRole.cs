namespace Regurgitate.Workbench.Dispatch;

/// <summary>What a process hosting the workbench is for; decides which background services it runs.</summary>
public enum WorkbenchRole
{
    /// <summary>The dashboard or a command that queues runs: it settles and resumes experiments and, in Workers mode, dispatches.</summary>
    Dashboard,

    /// <summary>A <c>regurgitate worker</c>: it only executes the runs Hangfire hands it, and leaves experiments to the dashboard.</summary>
    Worker,
}
