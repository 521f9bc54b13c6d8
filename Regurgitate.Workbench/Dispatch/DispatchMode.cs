namespace Regurgitate.Workbench.Dispatch;

/// <summary>Who trains the queued runs (<c>Regurgitate:Dispatch:Mode</c>).</summary>
public enum DispatchMode
{
    /// <summary>The process that queued them (the dashboard or <c>regurgitate run</c>), as on one machine (the default).</summary>
    InProcess,

    /// <summary>
    /// <c>regurgitate worker</c> processes on any host: the dashboard only enqueues each queued run as a Hangfire job in
    /// PostgreSQL, and the workers take one run per device slot.
    /// </summary>
    Workers,
}
