namespace Regurgitate.Workbench.Execution;

/// <summary>One point of one curve, as the dashboard sees it (persisted as a <see cref="Persistence.MetricPoint"/>).</summary>
public sealed record MetricSample(int Step, string Name, double Value, DateTimeOffset Timestamp);
