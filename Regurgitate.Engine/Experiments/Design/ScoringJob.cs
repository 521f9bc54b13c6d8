namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Scores to compute before the grid runs: one ordered strategy's per-pair scores for each synthetic set it orders
/// (<see cref="GeneratorIds"/>, dataset ids), stored in <see cref="Directory"/>.
/// </summary>
public sealed record ScoringJob(StrategySpec Strategy, string Directory, IReadOnlyList<string> GeneratorIds);
