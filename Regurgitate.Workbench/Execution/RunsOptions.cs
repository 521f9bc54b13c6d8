namespace Regurgitate.Workbench.Execution;

/// <summary>How runs are executed and where their artefacts go. Bound from <c>Regurgitate:Runs</c>.</summary>
public sealed class RunsOptions
{
    public const string SectionName = "Regurgitate:Runs";

    /// <summary>Folder that receives one sub-folder per run (relative paths are resolved against the content root).</summary>
    public string RunsDirectory { get; set; } = "App_Data/runs";

    /// <summary>Runs started while this many are running wait in a queue: highest priority first, then oldest.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>
    /// Runs that were running or queued when the application stopped (cleanly or killed) are queued again at start-up
    /// and continue from their last complete checkpoint. Off: they are marked Interrupted.
    /// </summary>
    public bool ResumeInterrupted { get; set; } = true;

    /// <summary>Metric points are written in batches at least this often, so a crash loses at most this much.</summary>
    public TimeSpan MetricFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the coordinator looks at the database for queue changes made by another process (the CLI's
    /// <c>runs retry|cancel|priority</c>) and at running runs' cancel requests. Changes made in-process apply at once.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the process executing a run renews its lease on it and looks for a cancel request made elsewhere
    /// (<c>regurgitate runs cancel</c>).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a run stays claimed without a heartbeat. When its owner is killed or hangs this long, another process
    /// queues the run again and resumes it from its last complete checkpoint. At least three heartbeats.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When set, this process executes only the runs of the experiment with this name and leaves every other queued
    /// run to the processes that queued them (<c>regurgitate run spec.json</c> sets it to its spec's experiment).
    /// </summary>
    public string? OnlyExperiment { get; set; }
}
