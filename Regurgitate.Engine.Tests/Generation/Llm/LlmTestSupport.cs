using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Tests.Generation.Llm;

internal static class LlmTestSupport
{
    /// <summary>A canary: must reach the server, must never reach the journal, descriptor or any message.</summary>
    public const string CanaryKey = "sk-canary-7f3c9e1d2b4a6058";

    public static LlmGeneratorOptions Options(FakeChatServer server, LlmProvider provider = LlmProvider.AzureOpenAI) => new()
    {
        Endpoint = provider == LlmProvider.AzureOpenAI ? server.Root : new Uri(server.Root, "v1"),
        Provider = provider,
        Model = "gpt-test",
        ApiKey = CanaryKey,
        MaxConcurrency = 2,
        MaxRetries = 3,
        // Generous: the first SDK call in a process is slow to JIT on a busy 2-core machine, and an attempt that timed out
        // may already have reached the server. Only the timeout test waits for it.
        RequestTimeout = TimeSpan.FromSeconds(2),
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        PricePer1kInputTokens = 0.5m,
        PricePer1kOutputTokens = 1.5m,
    };

    public static List<SourceSegment> Sources(int count) =>
        Enumerable.Range(0, count).Select(i => new SourceSegment(i * 10, $"Satz Nummer {i}.")).ToList();

    public static async Task<List<GeneratedTranslation>> Collect(IAsyncEnumerable<GeneratedTranslation> results)
    {
        var list = new List<GeneratedTranslation>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    /// <summary>Replies "The sentence N." to "Satz Nummer N.".</summary>
    public static FakeReply Echo(FakeRequest request) => FakeReply.Success($"English: \"{Translate(request.UserMessage)}\"");

    public static string Translate(string prompt)
    {
        var marker = "Satz Nummer ";
        var at = prompt.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? "?" : "The sentence " + prompt[(at + marker.Length)..];
    }
}
