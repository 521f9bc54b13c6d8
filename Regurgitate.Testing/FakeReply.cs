using System.Text.Json;

namespace Regurgitate.Testing;

/// <summary>A scripted answer of <see cref="FakeChatServer"/>, sent after <see cref="Delay"/>.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static FakeReply Success(string content, int promptTokens = 10, int completionTokens = 5, string finishReason = "stop", TimeSpan delay = default, string? refusal = null) =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1700000000,
            model = "fake-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content, refusal }, finish_reason = finishReason } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }), null, delay);

    public static FakeReply RateLimited(int retryAfterMs) =>
        new(429, """{"error":{"code":"429","message":"Rate limit exceeded."}}""", new Dictionary<string, string> { ["retry-after-ms"] = retryAfterMs.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static FakeReply ServerError(int status = 500) => new(status, """{"error":{"message":"The server had an error."}}""");

    public static FakeReply Hang(TimeSpan delay) => Success("late", delay: delay);

    public static FakeReply Malformed() => new(200, """{"id":"chatcmpl-x","choices":[{"message":""");

    /// <summary>Azure OpenAI's prompt-filter error shape.</summary>
    public static FakeReply ContentFilterError() => new(400, """
        {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}
        """);

    public static FakeReply BadRequest(string message = "Invalid value for 'temperature'.") =>
        new(400, JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error", code = "invalid_value" } }));
}
