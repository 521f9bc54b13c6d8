using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

/// <summary>A catalogued dataset as the pages show it.</summary>
public sealed record DatasetRow(
    string Id,
    DatasetKind Kind,
    string Name,
    string? Description,
    string LanguagePair,
    string? Origin,
    string? Licence,
    string? CorpusId,
    IReadOnlyList<string> Files,
    string? Sha256,
    long Bytes,
    int Pairs,
    int Failed,
    bool Available,
    string? Problem,
    DateTimeOffset CataloguedAt)
{
    public string ShortSha => Sha256 is { Length: >= 12 } sha ? sha[..12] : Sha256 ?? "–";
}
