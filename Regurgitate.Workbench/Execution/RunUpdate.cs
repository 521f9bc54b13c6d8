namespace Regurgitate.Workbench.Execution;

/// <summary>What changed in a live run: its new state and the curve points added since the previous update.</summary>
public sealed record RunUpdate(RunSnapshot Snapshot, IReadOnlyList<MetricSample> NewPoints);
