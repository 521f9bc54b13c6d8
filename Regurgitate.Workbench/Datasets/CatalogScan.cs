namespace Regurgitate.Workbench.Datasets;

/// <summary>What one catalogue scan did. <see cref="FilesHashed"/> is zero when every dataset came from the cache.</summary>
public sealed record CatalogScanResult(int Datasets, int Available, int Unavailable, int FilesHashed, long BytesHashed, TimeSpan Elapsed, DateTimeOffset FinishedAt);

/// <summary>Where the catalogue stands, for pages that show a scan in progress.</summary>
public sealed record CatalogScanState(bool IsScanning, int Done, int Total, string? Current, CatalogScanResult? LastResult, string? LastError)
{
    public static CatalogScanState Idle { get; } = new(false, 0, 0, null, null, null);
    public double? Fraction => Total > 0 ? (double)Done / Total : null;
}
