namespace Regurgitate.Workbench.Comparison;

/// <summary>A run's curve in three numbers: its last value, its best, and the best of its smoothed values.</summary>
public sealed record MetricSummary(double Last, double Best, double BestSmoothed);
