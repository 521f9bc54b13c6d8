namespace Regurgitate.Workbench.Datasets;

/// <summary>A download failed; the message says what happened, to which URL, and what the user can do.</summary>
public sealed class CorpusDownloadException : Exception
{
    public CorpusDownloadException(string message)
        : base(message)
    {
    }

    public CorpusDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CorpusDownloadException()
    {
    }
}
