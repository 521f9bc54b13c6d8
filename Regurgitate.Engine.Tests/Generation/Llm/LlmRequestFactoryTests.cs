using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Tests.Generation.Llm;

public sealed class LlmRequestFactoryTests
{
    private static LlmGeneratorOptions Baseline() => new()
    {
        Endpoint = new Uri("https://example.openai.azure.com/"),
        Model = "gpt-4o-mini",
        ApiKey = "secret",
        Temperature = 0,
        TopP = 0.9,
        MaxOutputTokens = 128,
        Seed = 7,
    };

    private static string Hash(LlmGeneratorOptions options, int sample = 0, string source = "Ein Hund läuft.") =>
        new LlmRequestFactory(options).Create(new SourceSegment(0, source), sample).Hash;

    public static TheoryData<string> Mutations() =>
        ["model", "temperature", "top_p", "max_tokens", "seed", "prompt", "system", "provider", "endpoint", "no top_p", "no seed"];

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Changing_any_parameter_changes_the_cache_key(string mutation)
    {
        var changed = Baseline();
        Action<LlmGeneratorOptions> mutate = mutation switch
        {
            "model" => o => o.Model = "gpt-4o",
            "temperature" => o => o.Temperature = 0.01,
            "top_p" => o => o.TopP = 0.95,
            "max_tokens" => o => o.MaxOutputTokens = 129,
            "seed" => o => o.Seed = 8,
            "prompt" => o => o.PromptTemplate = "German: {source}\nEnglish:",
            "system" => o => o.SystemPrompt = "",
            "provider" => o => o.Provider = LlmProvider.OpenAICompatible,
            "endpoint" => o => o.Endpoint = new Uri("https://other.openai.azure.com/"),
            "no top_p" => o => o.TopP = null,
            "no seed" => o => o.Seed = null,
            _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
        };
        mutate(changed);
        Assert.NotEqual(Hash(Baseline()), Hash(changed));
    }

    [Fact]
    public void Same_request_same_key_and_sample_source_and_secret_behave()
    {
        Assert.Equal(Hash(Baseline()), Hash(Baseline()));
        Assert.NotEqual(Hash(Baseline(), sample: 0), Hash(Baseline(), sample: 1));
        Assert.NotEqual(Hash(Baseline()), Hash(Baseline(), source: "Ein Hund rennt."));

        var otherKey = Baseline();
        otherKey.ApiKey = "another-secret";
        otherKey.MaxConcurrency = 16;
        otherKey.MaxRetries = 0;
        otherKey.Budget = 1;
        Assert.Equal(Hash(Baseline()), Hash(otherKey));
    }

    [Fact]
    public void Body_is_the_whole_request_and_holds_no_secret()
    {
        var request = new LlmRequestFactory(Baseline()).Create(new SourceSegment(3, "Ein Hund läuft."), 2);
        Assert.Equal(3, request.SourceIndex);
        Assert.Equal(2, request.Sample);
        Assert.Contains("Ein Hund läuft.", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"seed\":9", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"top_p\":0.9", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":128", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", request.Body, StringComparison.Ordinal);
    }
}
