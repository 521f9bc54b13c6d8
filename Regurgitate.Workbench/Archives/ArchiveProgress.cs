namespace Regurgitate.Workbench.Archives;

/// <summary>Where an export or import stands: a short message and entries done out of the total (when known).</summary>
public sealed record ArchiveProgress(string Message, int Done, int Total);
