namespace Regurgitate.Workbench.Dispatch;

/// <summary>How queued runs reach the processes that train them. Bound from <c>Regurgitate:Dispatch</c>.</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Regurgitate:Dispatch";

    /// <summary>
    /// A worker's <see cref="Execution.RunsOptions.MetricFlushInterval"/> when the configuration sets none: a page sees a
    /// remote run's points once they are committed, so this plus the dashboard's change check (0.5 s) is their delay
    /// (the dispatch benchmark: median 0.5 s, against 1.4 s with the 2 s default). Four small inserts a second per run.
    /// </summary>
    public static readonly TimeSpan WorkerMetricFlushInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>InProcess (the default: this process trains its queue) or Workers (Hangfire jobs for <c>regurgitate worker</c> processes).</summary>
    public DispatchMode Mode { get; set; } = DispatchMode.InProcess;

    /// <summary>
    /// A worker's device slots, comma-separated: <c>cpu</c>, or <c>cuda:0,cuda:1</c> (one run at a time on each); a device
    /// named twice takes two runs at once. Read only by <c>regurgitate worker</c> (its <c>--devices</c> option sets it).
    /// </summary>
    public string Devices { get; set; } = "cpu";

    /// <summary>The PostgreSQL schema that holds Hangfire's own tables, beside the workbench's.</summary>
    public string HangfireSchema { get; set; } = "hangfire";

    /// <summary>
    /// How long a job fetched by a worker stays invisible to the others without the worker's keep-alive (Hangfire.PostgreSql's
    /// sliding invisibility timeout): a vanished worker's job is handed out again after this. The run's own lease decides who
    /// trains it, so a job handed out twice does nothing the second time.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a worker writes its state (current run, runs done) for the Workers page.</summary>
    public TimeSpan WorkerHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Set by the host, not configuration: what this process is for.</summary>
    public WorkbenchRole Role { get; set; } = WorkbenchRole.Dashboard;

    /// <summary>The device slots of <see cref="Devices"/>, trimmed and lower-cased.</summary>
    public IReadOnlyList<string> DeviceSlots() =>
        [.. Devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToLowerInvariant())];
}
