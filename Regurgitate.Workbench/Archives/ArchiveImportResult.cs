namespace Regurgitate.Workbench.Archives;

/// <summary>The experiment an import created.</summary>
public sealed record ArchiveImportResult(int ExperimentId, string ExperimentName, int Runs, long MetricPoints);
