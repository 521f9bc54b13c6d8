namespace Regurgitate.Engine.Hosted;

/// <summary>
/// How one attempt of a <see cref="HostedCall"/> ended: a complete JSON reply (<see cref="Body"/>), a refusal that
/// retrying would not change (<see cref="Refusal"/>), or worth retrying (<see cref="Retryable"/>, with the server's
/// Retry-After).
/// </summary>
internal sealed record HostedAttempt(
    string Hash,
    int Number,
    string? Body = null,
    HostedFineTuningException? Refusal = null,
    string? Retryable = null,
    TimeSpan? RetryAfter = null);
