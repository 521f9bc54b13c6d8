using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Hosted;

namespace Regurgitate.Engine.Tests.Hosted;

internal static class HostedTestSupport
{
    /// <summary>A canary: must reach the server, must never reach the journal or any message.</summary>
    public const string CanaryKey = "sk-canary-hosted-5e1d9a7c3b";

    public static HostedFineTuningOptions Options(FakeOpenAiServer server, LlmProvider provider = LlmProvider.OpenAICompatible) => new()
    {
        Endpoint = provider == LlmProvider.AzureOpenAI ? server.Root : new Uri(server.Root, "v1"),
        Provider = provider,
        ApiKey = CanaryKey,
        BaseModel = "gpt-35-turbo-0125",
        Epochs = 2,
        LearningRateMultiplier = 0.5,
        BatchSize = 4,
        PricePer1MTrainingTokens = 8m,
        PollInterval = TimeSpan.FromMilliseconds(5),
        MaxRetries = 3,
        // Generous: the first SDK call in a process is slow to JIT on a busy 2-core machine.
        RequestTimeout = TimeSpan.FromSeconds(5),
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
    };

    public static List<SentencePair> Pairs(int count, string tag = "") =>
        [.. Enumerable.Range(0, count).Select(i => new SentencePair($"Satz Nummer {i}{tag}.", $"Sentence number {i}{tag}."))];

    public static HostedJobRequest Job(string label = "real/1000/seed1", int pairs = 5, int? seed = 1, string tag = "") =>
        new(label, Pairs(pairs, tag), seed);
}
