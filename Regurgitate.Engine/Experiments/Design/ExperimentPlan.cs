namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// What executing a spec takes: local generators first (in dependency order), then the grid of runs.
/// With local generators, the pool is split once by the split seed into generator training sources
/// (<see cref="ReservedRealDatasetId"/>, human targets) and the experiment's sources, which every generator translates.
/// </summary>
public sealed record ExperimentPlan(
    ExperimentSpec Spec,
    string DatasetPrefix,
    string? ReservedRealDatasetId,
    int ReservedCount,
    int ExperimentSourceCount,
    IReadOnlyList<GeneratorJob> Generators,
    IReadOnlyList<GridPoint> Runs);
