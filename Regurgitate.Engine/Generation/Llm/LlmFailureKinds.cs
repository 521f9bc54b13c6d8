namespace Regurgitate.Engine.Generation.Llm;

/// <summary>The prefixes of <see cref="GeneratedTranslation.Failure"/> and <see cref="LlmJournalEntry.Failure"/>.</summary>
public static class LlmFailureKinds
{
    /// <summary>The provider's content filter blocked the prompt (HTTP 400, code <c>content_filter</c>) or the reply (finish_reason <c>content_filter</c>).</summary>
    public const string ContentFilter = "content_filter";

    /// <summary>The model declined (<c>message.refusal</c> set).</summary>
    public const string Refusal = "refusal";

    /// <summary>HTTP 400/404/413/422…: the request itself is wrong; retrying would not help.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>429 on every attempt.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>5xx on every attempt.</summary>
    public const string ServerError = "server_error";

    /// <summary>Timeout or connection failure on every attempt.</summary>
    public const string Timeout = "timeout";

    /// <summary>HTTP 200 whose body is not a chat completion, on every attempt.</summary>
    public const string Malformed = "malformed_response";

    /// <summary>The reply had no text (or nothing was left after the parsing policy).</summary>
    public const string Empty = "empty_reply";

    /// <summary>The reply stopped at <c>max_tokens</c> (finish_reason <c>length</c>), so the translation is cut off.</summary>
    public const string Truncated = "truncated";

    /// <summary>The Batch API reported an error for the row instead of a reply (the error file's <c>error</c>), or gave no result for it.</summary>
    public const string BatchError = "batch_error";
}
