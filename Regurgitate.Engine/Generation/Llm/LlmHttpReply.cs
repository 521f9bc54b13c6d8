namespace Regurgitate.Engine.Generation.Llm;

/// <summary>What came back for one attempt: HTTP status, raw body, and the server's requested wait, if any.</summary>
internal sealed record LlmHttpReply(int Status, string Body, TimeSpan? RetryAfter);
