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
    /// Hosted fine-tuning runs followed at once (each waits on its provider's job, using no core); they do not count
    /// against <see cref="MaxConcurrentRuns"/>. Providers limit active jobs per resource (OpenAI: a few).
    /// </summary>
    public int MaxConcurrentHostedRuns { get; set; } = 3;

    /// <summary>
    /// Runs that were running or queued when the application stopped (cleanly or killed) are queued again at start-up
    /// and continue from their last complete checkpoint. Off: they are marked Interrupted.
    /// </summary>
    public bool ResumeInterrupted { get; set; } = true;

    /// <summary>
    /// Metric points are written in batches at least this often, so a crash loses at most this much. A
    /// <c>regurgitate worker</c> writes every <see cref="Dispatch.DispatchOptions.WorkerMetricFlushInterval"/> unless this is
    /// configured: there the database is how an open page sees the run, and 2 s would keep its points from arriving within 1 s.
    /// </summary>
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

    /// <summary>
    /// How CPU runs share the cores (see <see cref="RunPackingSetting"/>): "off" runs <see cref="MaxConcurrentRuns"/> at
    /// once with each run's configured threads (as before packing existed); "auto" packs small models one thread each,
    /// as many at once as there are cores, and gives a larger model every core; a number N runs N at once with the
    /// cores divided between them.
    /// </summary>
    public string Packing { get; set; } = "off";

    /// <summary>With packing on, the cores this process's runs divide between them (0: every core the machine has).</summary>
    public int Cores { get; set; }

    /// <summary>With packing on, CPU runs whose model has at most this many parameters (estimated from its configuration) get one thread each.</summary>
    public long PackParametersUpTo { get; set; } = 3_000_000;

    /// <summary>With packing on, how many runs share one GPU at once (small models leave most of a GPU idle).</summary>
    public int GpuRunsPerDevice { get; set; } = 1;
}
