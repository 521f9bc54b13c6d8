namespace Regurgitate.Workbench.Archives;

/// <summary>The experiment an import created, and how its metric points were written (batches, longest write-lock hold).</summary>
public sealed record ArchiveImportResult(int ExperimentId, string ExperimentName, int Runs, long MetricPoints, int WriteBatches = 0, TimeSpan LongestWriteLockHold = default);
