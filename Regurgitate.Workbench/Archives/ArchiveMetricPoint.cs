namespace Regurgitate.Workbench.Archives;

/// <summary>One line of a run's <c>metrics.csv</c> in an archive.</summary>
internal readonly record struct ArchiveMetricPoint(int Step, string Name, double Value, DateTimeOffset Timestamp);
