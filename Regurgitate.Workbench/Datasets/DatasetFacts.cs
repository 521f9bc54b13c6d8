namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// What measuring a dataset's files found, cached under <see cref="Signature"/> (each file's path, size and
/// modification time), so that an unchanged dataset is never read twice. The name, generator and corpus of a generated
/// set come from its file and are cached with it.
/// </summary>
internal sealed record DatasetFacts
{
    public required string Signature { get; init; }
    public string? Sha256 { get; init; }
    public long Bytes { get; init; }
    public int Pairs { get; init; }
    public int Failed { get; init; }
    public string? Problem { get; init; }
    public string? Name { get; init; }
    public string? GeneratorJson { get; init; }
    public string? CorpusId { get; init; }
}
