namespace Regurgitate.Workbench.Archives;

/// <summary>What an export wrote.</summary>
public sealed record ArchiveExportResult(string ExperimentName, int Runs, long MetricPoints, int Entries, long UncompressedBytes);
