namespace Regurgitate.Engine.Hosted;

/// <summary>The steps a <see cref="HostedJournalEntry"/> records, in the order they happen.</summary>
public static class HostedJournalPhases
{
    /// <summary>About to send: if no later row follows, the request may or may not have reached the provider.</summary>
    public const string Sent = "sent";

    /// <summary>The provider accepted it: an upload's file id, or a created job's id.</summary>
    public const string Accepted = "accepted";

    /// <summary>The provider validated the uploaded file; a rerun need not look at it again.</summary>
    public const string Processed = "processed";

    /// <summary>The job ended with a fine-tuned model.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The provider refused the file or the job, or the job failed or was cancelled; <see cref="HostedJournalEntry.Failure"/> says why. Final: a rerun reports it again rather than paying twice.</summary>
    public const string Failed = "failed";
}
