namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// Provenance of an imported dataset, kept beside its normalised files as <c>dataset.json</c> so that the catalogue
/// can be rebuilt from disk.
/// </summary>
public sealed record ImportedDatasetInfo
{
    public const string FileName = "dataset.json";
    public const string SourceFile = "source.de";
    public const string TargetFile = "target.en";

    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Origin { get; init; }
    public string? Licence { get; init; }
    public string LanguagePair { get; init; } = "de-en";

    /// <summary>The files as the user named them (upload names or paths in the data directory).</summary>
    public IReadOnlyList<string> OriginalFiles { get; init; } = [];
    public string? Format { get; init; }
    public DateTimeOffset ImportedAt { get; init; }

    /// <summary>What the reader reported (pairs accepted, skipped lines).</summary>
    public string? ReadReport { get; init; }
}
