namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// How <see cref="LlmRetryPipeline"/> retries: at most <paramref name="MaxRetries"/> retries after the first attempt,
/// waits starting at <paramref name="InitialDelay"/> and doubling, none longer than <paramref name="MaxDelay"/>.
/// </summary>
internal sealed record RetrySettings(int MaxRetries, TimeSpan InitialDelay, TimeSpan MaxDelay);
