namespace Regurgitate.Workbench.Datasets;

/// <summary>Bytes of one file on disk so far; <see cref="TotalBytes"/> when the server said; <see cref="Attempt"/> counts from 1.</summary>
public sealed record DownloadProgress(string FileName, long BytesReceived, long? TotalBytes, bool Resumed, int Attempt)
{
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesReceived / TotalBytes.Value) : null;
}
