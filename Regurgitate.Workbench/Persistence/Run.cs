namespace Regurgitate.Workbench.Persistence;

/// <summary>One training run: its exact configuration, its life cycle and its final test scores.</summary>
public sealed class Run
{
    public int Id { get; set; }

    /// <summary>
    /// Unique to this row in any database: the run's folder records it, so a folder left by another database (or by a
    /// deleted run whose id came back) is never taken for this run's own. See <see cref="Folders.ArtifactFolders"/>.
    /// </summary>
    public Guid FolderIdentity { get; set; } = Guid.NewGuid();

    public int ExperimentId { get; set; }
    public Experiment? Experiment { get; set; }

    /// <summary>The full <see cref="Engine.Experiments.RunConfig"/> as JSON, so that the run can be reproduced exactly.</summary>
    public required string ConfigJson { get; set; }

    /// <summary>Copied out of the configuration so that the runs list can show and filter it without parsing JSON.</summary>
    public required string CorpusId { get; set; }

    public RunRole Role { get; set; }

    /// <summary>Trained here or fine-tuned on a hosted provider; follows the configuration (<see cref="Execution.RunKinds.Of"/>).</summary>
    public RunKind Kind { get; set; }

    /// <summary>Data condition of a grid run (e.g. "real", "wmt22/GPT-4", "50% real + low"); the generator id of a generator run.</summary>
    public string? Condition { get; set; }

    /// <summary>Training-set size requested (the learning curve's x value).</summary>
    public int TrainSize { get; set; }
    public int Seed { get; set; }
    public double RealFraction { get; set; } = 1.0;

    /// <summary>Queued runs start highest priority first, then oldest first; 0 is normal.</summary>
    public int Priority { get; set; }

    /// <summary>How many times the run was retried after failing or being cancelled (0 for its first attempt).</summary>
    public int Attempt { get; set; }

    /// <summary>Free labels the researcher attaches (comma-separated, trimmed, case-insensitive), for filtering and grouping.</summary>
    public string? Tags { get; set; }

    public int MaxSteps { get; set; }
    public int LastStep { get; set; }
    public RunStatus Status { get; set; }
    public string? Message { get; set; }
    public string? PhaseMessage { get; set; }
    public string? Device { get; set; }
    public long? ParameterCount { get; set; }

    /// <summary>
    /// libtorch intra-op threads the run trained with (null until it started). A CPU run's weights depend on it, so every
    /// run of an experiment trains with the count its first run used (see <see cref="Execution.RunStore.PinnedThreadsAsync"/>).
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>Training pairs left after the length filter, as the run planned its training (null until it has).</summary>
    public int? TrainingPairs { get; set; }

    /// <summary>Pairs the length filter left out (an empty side, or a side over Training.MaxTokensPerSentence).</summary>
    public int? PairsDropped { get; set; }

    /// <summary>Target tokens the run's planned steps train on (EOS included, padding excluded): its token budget.</summary>
    public long? TargetTokens { get; set; }

    /// <summary>Source tokens the run's planned steps feed the encoder (EOS included, padding excluded).</summary>
    public long? SourceTokens { get; set; }
    /// <summary>
    /// The process executing the run (process id, host and start time, see <see cref="Execution.RunOwner"/>); null
    /// while it is queued or finished. Only the owner writes the run's progress.
    /// </summary>
    public string? OwnerId { get; set; }

    /// <summary>
    /// Until when the owner's claim holds: its heartbeat moves this forward. A running run whose lease has expired
    /// belongs to a process that died or hung, and any process may queue it again to resume.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Set by <c>regurgitate runs cancel</c> (or the Runs page of another process); the owner's heartbeat sees it and cancels.</summary>
    public bool CancelRequested { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public double? TestBleu { get; set; }
    public string? TestBleuSignature { get; set; }
    public double? TestChrF { get; set; }
    public string? TestChrFSignature { get; set; }

    /// <summary>The translation samples of the latest evaluation, as JSON, so that a reloaded page shows them again.</summary>
    public string? LatestSamplesJson { get; set; }

    public List<MetricPoint> MetricPoints { get; set; } = [];
}
