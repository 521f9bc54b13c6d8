using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// One line of <c>journal.jsonl</c>: the outcome of one request (all its attempts). Either <see cref="Response"/>
/// (the raw HTTP 200 body, unparsed) or <see cref="Failure"/> is set. Holds no secret.
/// </summary>
public sealed record LlmJournalEntry
{
    public const int CurrentFormat = 1;

    [JsonPropertyName("v")]
    public int Format { get; init; } = CurrentFormat;

    public required string Hash { get; init; }

    public required int Source { get; init; }

    public required int Sample { get; init; }

    /// <summary>The request body that was sent (and hashed).</summary>
    public required string Request { get; init; }

    /// <summary>HTTP status of the last attempt; null when it never got one (timeout, connection error).</summary>
    public int? Status { get; init; }

    /// <summary>Raw response body of a successful (HTTP 200, well-formed) completion; parsed later by <see cref="LlmReplyParser"/>.</summary>
    public string? Response { get; init; }

    /// <summary>Classified failure, <c>kind: detail</c> (kinds in <see cref="LlmFailureKinds"/>), with any secret redacted.</summary>
    public string? Failure { get; init; }

    /// <summary>
    /// True when the row settles the request for good (a response, or a failure that would recur: refusal, bad request,
    /// persistent malformed reply). A non-final failure (retries exhausted on 429/5xx/timeouts) is retried on resume.
    /// </summary>
    public bool Final { get; init; }

    public int Attempts { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public decimal Cost { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset CompletedAt { get; init; }
}
