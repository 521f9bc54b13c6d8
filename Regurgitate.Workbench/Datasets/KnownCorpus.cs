namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// A public corpus that can be fetched from its canonical location. <see cref="LocalFiles"/> are the files in the data
/// directory that already hold it (then nothing needs downloading).
/// </summary>
public sealed record KnownCorpus
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Licence { get; init; }

    /// <summary>Where the corpus is documented.</summary>
    public required Uri Homepage { get; init; }

    public required IReadOnlyList<KnownCorpusFile> Files { get; init; }

    /// <summary>Files (relative to the data directory) that hold this corpus when it ships with the data; empty when it does not.</summary>
    public IReadOnlyList<string> LocalFiles { get; init; } = [];

    /// <summary>What to do with the downloaded files (e.g. unpack a tarball), for the person reading the list.</summary>
    public string? AfterDownload { get; init; }
}

/// <summary>One file of a <see cref="KnownCorpus"/> with the checksum it is expected to have, where one is published.</summary>
/// <param name="Url">Canonical download location.</param>
/// <param name="FileName">Name in the download folder (a plain file name, no folders).</param>
/// <param name="Sha256">Expected SHA-256 (hex), when known.</param>
/// <param name="Md5">Expected MD5 (hex), when that is all that is published (sacreBLEU lists MD5s).</param>
/// <param name="ChecksumSource">Who published the expected checksum.</param>
public sealed record KnownCorpusFile(Uri Url, string FileName, string? Sha256 = null, string? Md5 = null, string? ChecksumSource = null)
{
    public bool HasExpectedChecksum => Sha256 is not null || Md5 is not null;
}
