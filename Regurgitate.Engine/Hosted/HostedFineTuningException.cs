namespace Regurgitate.Engine.Hosted;

/// <summary>
/// A hosted fine-tuning step that did not succeed: the provider refused the file or the job (invalid file, quota,
/// content policy), the job failed or was cancelled, the credentials or route are wrong, or the retries ran out.
/// <see cref="ProviderMessage"/> is what the provider said, secrets redacted. <see cref="IsFinal"/> failures are
/// journalled and reported again by a rerun; the others (retries exhausted) are tried again by a rerun.
/// </summary>
public sealed class HostedFineTuningException : Exception
{
    public HostedFineTuningException()
    {
    }

    public HostedFineTuningException(string message)
        : base(message)
    {
    }

    public HostedFineTuningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HostedFineTuningException(string message, string? providerMessage, int? status, bool isFinal)
        : base(message)
    {
        ProviderMessage = providerMessage;
        Status = status;
        IsFinal = isFinal;
    }

    public string? ProviderMessage { get; }

    /// <summary>HTTP status of the refusing reply; null for a job that failed while running.</summary>
    public int? Status { get; }

    public bool IsFinal { get; }
}
