namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// What executing a spec takes: local generators first (in dependency order), then the scores of ordered strategies,
/// then the grid of runs. The pool is split once by the split seed into generator training sources (one slice per
/// generation, <see cref="GenerationSlices"/>; <see cref="ReservedRealDatasetId"/> is slice 1 with human targets and
/// <see cref="ReservedCount"/> counts all slices), sources held out for the strategies' scorer models and detector
/// (<see cref="HeldOutRealDatasetId"/>), and the experiment's sources, from which every training set is drawn.
/// </summary>
public sealed record ExperimentPlan(
    ExperimentSpec Spec,
    string DatasetPrefix,
    string? ReservedRealDatasetId,
    int ReservedCount,
    int ExperimentSourceCount,
    IReadOnlyList<GeneratorJob> Generators,
    IReadOnlyList<GridPoint> Runs)
{
    /// <summary>One disjoint slice of generator training sources per generation (empty without local generators).</summary>
    public IReadOnlyList<GenerationSlice> GenerationSlices { get; init; } = [];

    /// <summary>Sources held out for the scorer models and the detector; 0 when no strategy orders by score.</summary>
    public int HeldOutCount { get; init; }

    /// <summary>The held-out sources with their human targets (the scorer models' training set, the detector's human side).</summary>
    public string? HeldOutRealDatasetId { get; init; }

    /// <summary>
    /// The experiment's sources with their human targets. Every grid run aligns with it, so that training sets never
    /// contain a held-out source even when a synthetic set (e.g. published outputs) covers the whole pool.
    /// </summary>
    public string? ExperimentPoolDatasetId { get; init; }

    public IReadOnlyList<ScoringJob> Scorings { get; init; } = [];

    /// <summary>
    /// The run that pretrains the model every grid run fine-tunes (see <see cref="FineTuning"/>); null when the spec
    /// has no pretraining. Until it has trained, the grid runs' configurations do not name it yet.
    /// </summary>
    public RunConfig? PretrainingRun { get; init; }

    /// <summary>The forward scorer model's run (the reverse one is the same run reversed); null when no strategy needs them.</summary>
    public RunConfig? ScorerTrainingRun { get; init; }
}
