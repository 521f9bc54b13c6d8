using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Configuration of <see cref="HostedFineTuningBackend"/>, bound from <c>Regurgitate:HostedFineTuning</c> and checked
/// by <see cref="HostedFineTuningOptionsValidator"/>. The prompt, base model and hyperparameters are part of every
/// upload's and job's request, hence of their journal hashes; the API key, retries, timeouts, poll interval, prices
/// and budget are operational and hash nothing.
/// </summary>
public sealed class HostedFineTuningOptions
{
    public const string SectionName = "Regurgitate:HostedFineTuning";

    /// <summary>Placeholders of <see cref="EvaluationDeploymentPattern"/>: the fine-tuned model's name and its job id.</summary>
    public const string ModelPlaceholder = "{model}";

    public const string JobPlaceholder = "{job}";

    /// <summary>Resource or server root: <c>https://my-resource.openai.azure.com/</c>, <c>https://api.openai.com/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    public LlmProvider Provider { get; set; } = LlmProvider.AzureOpenAI;

    /// <summary>Secret, as <see cref="LlmGeneratorOptions.ApiKey"/>: never written to the journal, logs or messages.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>api-version</c> query of Azure OpenAI's files and fine-tuning routes (ignored for OpenAI-compatible servers).</summary>
    public string AzureApiVersion { get; set; } = "2024-10-21";

    /// <summary>The model every job fine-tunes, e.g. <c>gpt-35-turbo-0125</c> (Azure) or <c>gpt-3.5-turbo-0125</c>.</summary>
    public string BaseModel { get; set; } = "";

    /// <summary>System message of every training example; empty sends none.</summary>
    public string SystemPrompt { get; set; } = LlmGeneratorOptions.DefaultSystemPrompt;

    /// <summary>User message of every training example; must contain <see cref="LlmGeneratorOptions.SourcePlaceholder"/>.</summary>
    public string PromptTemplate { get; set; } = LlmGeneratorOptions.DefaultPromptTemplate;

    /// <summary>Sent as <c>hyperparameters.n_epochs</c>; null lets the provider choose ("auto").</summary>
    public int? Epochs { get; set; }

    /// <summary>Sent as <c>hyperparameters.learning_rate_multiplier</c>; null is "auto".</summary>
    public double? LearningRateMultiplier { get; set; }

    /// <summary>Sent as <c>hyperparameters.batch_size</c>; null is "auto".</summary>
    public int? BatchSize { get; set; }

    /// <summary>
    /// Epochs the cost estimate assumes when <see cref="Epochs"/> is "auto" (OpenAI picks 3 for most data sets of a
    /// few thousand examples, more for tiny ones).
    /// </summary>
    public int EstimatedAutoEpochs { get; set; } = 3;

    /// <summary>Price per 1,000,000 trained tokens (tokens × epochs), in the budget's currency.</summary>
    public decimal PricePer1MTrainingTokens { get; set; }

    /// <summary>
    /// Spending limit of the whole journal (earlier, resumed jobs included); null is unlimited. A job is created only if
    /// the cost of every job already created plus its own estimate stays within it.
    /// </summary>
    public decimal? Budget { get; set; }

    /// <summary>
    /// The Azure deployment (or model name) the evaluation translates with, from the fine-tuned model's name
    /// (<see cref="ModelPlaceholder"/>) and its job id (<see cref="JobPlaceholder"/>). Azure serves a fine-tuned model
    /// only through a deployment you create, named as this pattern says; OpenAI serves the model name itself.
    /// </summary>
    public string EvaluationDeploymentPattern { get; set; } = ModelPlaceholder;

    /// <summary>Jobs of one experiment running on the provider at once (providers limit active jobs per resource).</summary>
    public int MaxConcurrentJobs { get; set; } = 3;

    /// <summary>Wait between two looks at a running job (and at an uploaded file still being processed).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt of one call for 429, 408, 5xx, timeouts and malformed replies.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Time allowed for one call (an upload of a large file included).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A shallow copy (every member is a value or immutable), for per-spec overrides.</summary>
    public HostedFineTuningOptions Copy() => (HostedFineTuningOptions)MemberwiseClone();
}
