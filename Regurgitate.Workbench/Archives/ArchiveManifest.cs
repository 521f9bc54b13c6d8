using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// <c>manifest.json</c>, the archive's last entry: what was exported, by which tool, and the SHA-256 of every other
/// entry, so that an import can verify the whole archive before it changes anything.
/// </summary>
public sealed record ArchiveManifest
{
    public required int FormatVersion { get; init; }
    public required string ToolVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ExperimentName { get; init; }
    public string? Description { get; init; }
    public string? SpecJson { get; init; }
    public ExperimentStatus? Status { get; init; }
    public string? StatusMessage { get; init; }
    public DateTimeOffset ExperimentCreatedAt { get; init; }
    public bool IncludesCheckpoints { get; init; }
    public required IReadOnlyList<ArchiveRun> Runs { get; init; }
    public required IReadOnlyList<ArchiveEntry> Entries { get; init; }
}
