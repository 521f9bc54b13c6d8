namespace Regurgitate.Workbench.Datasets;

/// <summary>A completed download. <see cref="Verified"/> is false when no expected checksum was known (the SHA-256 is then only recorded).</summary>
public sealed record DownloadResult(string Path, long Bytes, string Sha256, bool Verified, bool Resumed);
