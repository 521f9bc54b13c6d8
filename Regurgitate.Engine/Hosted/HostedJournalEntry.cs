using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// One line of <c>hosted-fine-tuning.jsonl</c>: a step of one upload or job (<see cref="Kind"/>), keyed by the SHA-256
/// of its whole request (<see cref="Hash"/>). A <see cref="HostedJournalPhases.Sent"/> row is written before the request
/// goes out; the row with its result (file or job id) after; a job's terminal status last. Holds no secret.
/// </summary>
public sealed record HostedJournalEntry
{
    public const int CurrentFormat = 1;

    public const string UploadKind = "upload";

    public const string JobKind = "job";

    /// <summary>A Batch API job of the LLM generator; its id is kept in <see cref="JobId"/>, its output file's in <see cref="FileId"/>.</summary>
    public const string BatchKind = "batch";

    [JsonPropertyName("v")]
    public int Format { get; init; } = CurrentFormat;

    public required string Kind { get; init; }

    /// <summary>One of <see cref="HostedJournalPhases"/>.</summary>
    public required string Phase { get; init; }

    public required string Hash { get; init; }

    /// <summary>The grid point (or caller's name) the step belongs to.</summary>
    public required string Label { get; init; }

    /// <summary>
    /// What was hashed: the job's JSON body, or for an upload its purpose, file name, size and content hash (the file
    /// itself is rebuilt from the training pairs; its name is derived from its content).
    /// </summary>
    public string? Request { get; init; }

    public string? FileId { get; init; }

    public string? JobId { get; init; }

    /// <summary>The provider's status of the file or job when the row was written.</summary>
    public string? Status { get; init; }

    public string? FineTunedModel { get; init; }

    /// <summary>Tokens the provider reports as trained (all epochs), once the job has ended.</summary>
    public long? TrainedTokens { get; init; }

    /// <summary>The pre-launch estimate of the job's cost, written with its <see cref="HostedJournalPhases.Sent"/> row.</summary>
    public decimal? EstimatedCost { get; init; }

    /// <summary>Trained tokens × price, once known.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The provider's message for a rejected file or a failed or cancelled job, with any secret redacted.</summary>
    public string? Failure { get; init; }

    public DateTimeOffset At { get; init; }
}
