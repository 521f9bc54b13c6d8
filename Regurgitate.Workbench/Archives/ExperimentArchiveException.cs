namespace Regurgitate.Workbench.Archives;

/// <summary>An archive could not be exported or was refused on import; the message names the entry and the problem.</summary>
public sealed class ExperimentArchiveException : Exception
{
    public ExperimentArchiveException()
    {
    }

    public ExperimentArchiveException(string message)
        : base(message)
    {
    }

    public ExperimentArchiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
