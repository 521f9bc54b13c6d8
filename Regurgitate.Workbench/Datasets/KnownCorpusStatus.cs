namespace Regurgitate.Workbench.Datasets;

public enum KnownCorpusAvailability
{
    /// <summary>Its files are in the data directory: nothing to download.</summary>
    Present,

    /// <summary>Downloaded into the datasets folder.</summary>
    Downloaded,

    /// <summary>Can be downloaded (needs network access).</summary>
    Downloadable,
}

/// <summary>A known corpus, whether it is here, and the state of its download if one was started in this process.</summary>
public sealed record KnownCorpusStatus(
    KnownCorpus Corpus,
    KnownCorpusAvailability Availability,
    string? Location,
    bool IsDownloading,
    DownloadProgress? Progress,
    string? Error,
    IReadOnlyList<DownloadResult> Results);
