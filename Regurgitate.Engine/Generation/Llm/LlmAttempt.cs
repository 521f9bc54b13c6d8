namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// How one attempt of a request ended: settled (<see cref="Entry"/>, to be journalled), abandoned unpaid
/// (<see cref="Abandoned"/>: the generation is aborting), or worth retrying (<see cref="Retryable"/>, with the reason
/// recorded if the retries run out, the server's Retry-After, and whether exhausting them is a final failure).
/// </summary>
internal sealed record LlmAttempt(
    string RequestHash,
    int Number,
    LlmJournalEntry? Entry = null,
    bool Abandoned = false,
    string? Retryable = null,
    int? Status = null,
    TimeSpan? RetryAfter = null,
    bool FinalIfExhausted = false);
