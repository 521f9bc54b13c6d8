namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Limits an imported archive must respect (guards against oversized and zip-bomb archives), and how an import shares
/// the database with live runs. Bound from <c>Regurgitate:Archives</c>.
/// </summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Regurgitate:Archives";

    /// <summary>Largest archive file accepted, in bytes as stored (compressed).</summary>
    public long MaxArchiveBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most entries accepted; checked from the zip's end record before its directory is read (a real archive has ~10 per run).</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Largest total of the entries' uncompressed lengths.</summary>
    public long MaxUncompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of an entry bigger than <see cref="RatioCheckFromBytes"/>; text compresses ~5–10×, bombs ~1000×.</summary>
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>Entries smaller than this are not ratio-checked (tiny repetitive files compress very well and are harmless).</summary>
    public long RatioCheckFromBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest manifest accepted, in bytes (it is parsed in memory).</summary>
    public long MaxManifestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Metric points are inserted in transactions of at most this many rows, so a live run's writes wait for one batch,
    /// never for the whole import (see <see cref="MaxWriteLockHold"/>).
    /// </summary>
    public int MaxBatchRows { get; set; } = 50_000;

    /// <summary>A batch is also committed once it has held SQLite's write lock this long, however fast or slow the disk.</summary>
    public TimeSpan MaxWriteLockHold { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Pause after each batch. Microsoft.Data.Sqlite retries a busy statement every 150 ms, so a gap longer than that
    /// lets a waiting writer (a live run saving its points) in before the next batch takes the lock again.
    /// </summary>
    public TimeSpan PauseBetweenBatches { get; set; } = TimeSpan.FromMilliseconds(200);
}
