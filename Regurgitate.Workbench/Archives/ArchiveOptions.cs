namespace Regurgitate.Workbench.Archives;

/// <summary>Limits an imported archive must respect (guards against oversized and zip-bomb archives). Bound from <c>Regurgitate:Archives</c>.</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Regurgitate:Archives";

    /// <summary>Largest archive file accepted, in bytes as stored (compressed).</summary>
    public long MaxArchiveBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest total of the entries' uncompressed lengths.</summary>
    public long MaxUncompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of an entry bigger than <see cref="RatioCheckFromBytes"/>; text compresses ~5–10×, bombs ~1000×.</summary>
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>Entries smaller than this are not ratio-checked (tiny repetitive files compress very well and are harmless).</summary>
    public long RatioCheckFromBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest manifest accepted, in bytes (it is parsed in memory).</summary>
    public long MaxManifestBytes { get; set; } = 64L * 1024 * 1024;
}
