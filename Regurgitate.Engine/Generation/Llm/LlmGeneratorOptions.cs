namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Configuration of the LLM generator, bound from the <c>Regurgitate:Llm</c> section and checked by
/// <see cref="LlmGeneratorOptionsValidator"/>. Every member except <see cref="ApiKey"/> and the operational ones
/// (concurrency, retries, timeouts, budget) is part of the generator's identity and of each request's cache key.
/// </summary>
public sealed class LlmGeneratorOptions
{
    public const string SectionName = "Regurgitate:Llm";

    /// <summary>The paper's zero-shot prompt shape: instruction, the German sentence, nothing else.</summary>
    public const string DefaultPromptTemplate =
        "Translate the following German sentence into English. Reply with the English translation only.\n\nGerman: {source}";

    public const string DefaultSystemPrompt = "You are a professional German-to-English translator.";

    /// <summary>Placeholder in <see cref="PromptTemplate"/> replaced by the German source sentence.</summary>
    public const string SourcePlaceholder = "{source}";

    /// <summary>Resource or server root, e.g. <c>https://my-resource.openai.azure.com/</c> or <c>http://127.0.0.1:8000/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    public LlmProvider Provider { get; set; } = LlmProvider.AzureOpenAI;

    /// <summary>Azure deployment name, or model name for OpenAI-compatible endpoints.</summary>
    public string Model { get; set; } = "";

    /// <summary>
    /// Secret. Supply it through user-secrets or the environment (<c>Regurgitate__Llm__ApiKey</c>), never in a
    /// committed file. It is never written to the descriptor, the journal, logs or exception messages.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Optional stable id for the descriptor; derived from model and temperature when empty.</summary>
    public string? GeneratorId { get; set; }

    /// <summary>Model family for the descriptor (e.g. <c>gpt</c>, <c>llama</c>).</summary>
    public string? Family { get; set; }

    /// <summary>User message; must contain <see cref="SourcePlaceholder"/> exactly where the German sentence goes.</summary>
    public string PromptTemplate { get; set; } = DefaultPromptTemplate;

    /// <summary>System message; empty sends none.</summary>
    public string SystemPrompt { get; set; } = DefaultSystemPrompt;

    public double Temperature { get; set; }

    public double? TopP { get; set; }

    public int MaxOutputTokens { get; set; } = 256;

    /// <summary>Sent as <c>seed</c> (plus the sample index, so samples differ); null sends none.</summary>
    public int? Seed { get; set; }

    /// <summary>How many independent samples to draw per source (one request each, the sample index in the cache key).</summary>
    public int SamplesPerSource { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries after the first attempt for 429, 5xx, timeouts and malformed replies.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First back-off delay; doubles per retry, with jitter.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of any single wait, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Price per 1,000 prompt tokens, in the budget's currency.</summary>
    public decimal PricePer1kInputTokens { get; set; }

    /// <summary>Price per 1,000 completion tokens, in the budget's currency.</summary>
    public decimal PricePer1kOutputTokens { get; set; }

    /// <summary>Chat (one request each, the default) or Batch (one Batch API job for every missing request).</summary>
    public LlmGenerationMode Mode { get; set; } = LlmGenerationMode.Chat;

    /// <summary>Price per 1,000 prompt tokens in <see cref="LlmGenerationMode.Batch"/> mode; null is half <see cref="PricePer1kInputTokens"/> (the batch discount OpenAI and Azure list).</summary>
    public decimal? PricePer1kInputTokensBatch { get; set; }

    /// <summary>Price per 1,000 completion tokens in <see cref="LlmGenerationMode.Batch"/> mode; null is half <see cref="PricePer1kOutputTokens"/>.</summary>
    public decimal? PricePer1kOutputTokensBatch { get; set; }

    /// <summary>How often a running batch is looked at; each look is one cheap <c>GET batches/{id}</c>.</summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Azure's <c>api-version</c> of the files and batches calls (the chat calls use the SDK's own).</summary>
    public string BatchAzureApiVersion { get; set; } = "2024-10-21";

    /// <summary>
    /// Spending limit for the whole generation directory (earlier, resumed runs included); null is unlimited.
    /// A request starts only if spent + in-flight estimates + its own estimate stay within it; the estimate is the
    /// <see cref="LlmGenerator.Estimate"/> heuristic or, once replies arrived, their mean actual cost if higher. A reply
    /// dearer than its estimate can still overshoot by at most the in-flight requests' difference.
    /// </summary>
    public decimal? Budget { get; set; }
}
