namespace Regurgitate.Testing;

/// <summary>
/// A call as <see cref="FakeOpenAiServer"/> saw it: method, route (without Azure's <c>/openai</c> or a <c>/v1</c>
/// prefix), query, the credentials headers, the body as text, and <see cref="Attempt"/>, which counts calls of the same
/// method and route from 1, and <see cref="At"/> when it arrived.
/// </summary>
public sealed record FakeOpenAiCall(string Method, string Route, string Query, int Attempt, string? ApiKeyHeader, string? Authorization, string Body, DateTimeOffset At);
