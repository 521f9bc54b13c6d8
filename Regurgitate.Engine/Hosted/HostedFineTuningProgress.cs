namespace Regurgitate.Engine.Hosted;

/// <summary>What a hosted fine-tuning job just did: its upload, a change of job status, or one of the provider's job events.</summary>
/// <param name="Stage"><see cref="UploadStage"/>, <see cref="JobStage"/> or <see cref="EventStage"/>.</param>
/// <param name="Status">The file's or job's status, or the event's level.</param>
/// <param name="Message">File id, job id, or the event's text.</param>
public sealed record HostedFineTuningProgress(string Label, string Stage, string Status, string Message)
{
    public const string UploadStage = "upload";

    public const string JobStage = "job";

    public const string EventStage = "event";
}
