using System.Text.Json.Nodes;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Tests.Generation.Llm;

internal static class LlmBatchTestSupport
{
    public static LlmGeneratorOptions Options(FakeOpenAiServer server, LlmProvider provider = LlmProvider.OpenAICompatible, LlmGenerationMode mode = LlmGenerationMode.Batch) => new()
    {
        Endpoint = provider == LlmProvider.AzureOpenAI ? server.Root : new Uri(server.Root, "v1"),
        Provider = provider,
        Model = "gpt-test",
        ApiKey = LlmTestSupport.CanaryKey,
        Mode = mode,
        MaxConcurrency = 2,
        MaxRetries = 3,
        // Generous: the first SDK call in a process is slow to JIT on a busy 2-core machine.
        RequestTimeout = TimeSpan.FromSeconds(5),
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        BatchPollInterval = TimeSpan.FromMilliseconds(5),
        PricePer1kInputTokens = 0.5m,
        PricePer1kOutputTokens = 1.5m,
    };

    /// <summary>Answers a chat body (sent live or inside a batch) with "The sentence N." for "Satz Nummer N.", and distinct token counts per source.</summary>
    public static FakeReply Translate(FakeOpenAiCall call)
    {
        var body = JsonNode.Parse(call.Body)!;
        var user = body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        var text = LlmTestSupport.Translate(user);
        return FakeReply.Success($"English: \"{text}\"", promptTokens: 20 + text.Length, completionTokens: 5);
    }
}
