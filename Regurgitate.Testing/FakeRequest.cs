namespace Regurgitate.Testing;

/// <summary>A request as <see cref="FakeChatServer"/> saw it. <see cref="Attempt"/> counts requests with the same hash, from 1.</summary>
public sealed record FakeRequest(string Path, string? Hash, int Attempt, string? ApiKeyHeader, string? Authorization, string Body, string UserMessage);
