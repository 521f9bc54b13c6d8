namespace Regurgitate.Workbench.Datasets;

/// <summary>The dataset catalog and imports. Bound from "Regurgitate:Datasets".</summary>
public sealed class DatasetCatalogOptions
{
    public const string SectionName = "Regurgitate:Datasets";

    /// <summary>Catalogue every dataset in the background when the application starts.</summary>
    public bool ScanOnStart { get; set; } = true;

    /// <summary>Datasets measured at once during a scan (hashing and reading are I/O and CPU bound).</summary>
    public int ScanParallelism { get; set; } = 2;

    /// <summary>Largest file a user may import (an upload or a file in the data directory), in bytes as stored (compressed for gzip).</summary>
    public long MaxImportBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest normalised text an import may produce (guards against gzip bombs), in bytes.</summary>
    public long MaxImportedTextBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
