namespace Regurgitate.Workbench.Archives;

/// <summary>One entry of the archive as the manifest records it: its name, uncompressed length and SHA-256 (hex).</summary>
public sealed record ArchiveEntry(string Name, long Length, string Sha256);
