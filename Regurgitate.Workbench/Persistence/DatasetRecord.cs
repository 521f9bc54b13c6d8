namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// One dataset the workbench knows, with its provenance: a real corpus, a published system output, or a set generated
/// here. The text itself stays in its files (the data directory or the datasets folder); the record says where it
/// came from, under which terms, and what it contained when it was catalogued (checksum, line counts).
/// </summary>
public sealed class DatasetRecord
{
    /// <summary>Corpus id (e.g. "multi30k") for real corpora, generator id (e.g. "wmt22/GPT-4", "local/…") for synthetic sets.</summary>
    public required string Id { get; set; }
    public DatasetKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Language pair as "src-tgt".</summary>
    public string LanguagePair { get; set; } = "de-en";

    /// <summary>Where the data came from (repository and commit, URL, or the generator).</summary>
    public string? Origin { get; set; }
    public string? Licence { get; set; }

    /// <summary>For synthetic sets: the real corpus whose German sources they translate.</summary>
    public string? CorpusId { get; set; }

    /// <summary>Files relative to their root (data directory or datasets folder), as a JSON array.</summary>
    public string FilesJson { get; set; } = "[]";

    /// <summary>SHA-256 over the files' bytes in order, hex.</summary>
    public string? Sha256 { get; set; }
    public long Bytes { get; set; }
    public int Pairs { get; set; }

    /// <summary>Synthetic sets: targets the generator failed to produce.</summary>
    public int Failed { get; set; }

    /// <summary>The generator's descriptor as JSON (never a secret), for synthetic sets.</summary>
    public string? GeneratorJson { get; set; }

    public bool Available { get; set; }
    public string? Problem { get; set; }
    public DateTimeOffset CataloguedAt { get; set; }
}
