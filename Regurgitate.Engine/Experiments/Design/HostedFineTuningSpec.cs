using Regurgitate.Engine.Hosted;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The spec's <c>hosted</c> section: the grid is fine-tuned on a provider (Azure OpenAI, OpenAI or a compatible
/// server) instead of trained here. What the study varies and reports — base model, prompt, epochs, learning-rate
/// multiplier, batch size — is part of the spec; the connection, key, prices, budget and evaluation deployment come
/// from the <c>Regurgitate:HostedFineTuning</c> configuration (<see cref="HostedFineTuningOptions"/>), and the
/// evaluation's chat endpoint from <c>Regurgitate:Llm</c>. Absent members keep the configured values.
/// </summary>
public sealed record HostedFineTuningSpec
{
    /// <summary>The model every grid point fine-tunes, e.g. <c>gpt-35-turbo-0125</c>.</summary>
    public string? BaseModel { get; init; }

    public string? SystemPrompt { get; init; }

    /// <summary>User message of each training example and of the evaluation; must contain <c>{source}</c>.</summary>
    public string? PromptTemplate { get; init; }

    public int? Epochs { get; init; }

    public double? LearningRateMultiplier { get; init; }

    public int? BatchSize { get; init; }

    /// <summary>The configured options with this section's values over them (the configuration object is not changed).</summary>
    public HostedFineTuningOptions ApplyTo(HostedFineTuningOptions configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var options = configured.Copy();
        options.BaseModel = BaseModel ?? options.BaseModel;
        options.SystemPrompt = SystemPrompt ?? options.SystemPrompt;
        options.PromptTemplate = PromptTemplate ?? options.PromptTemplate;
        options.Epochs = Epochs ?? options.Epochs;
        options.LearningRateMultiplier = LearningRateMultiplier ?? options.LearningRateMultiplier;
        options.BatchSize = BatchSize ?? options.BatchSize;
        return options;
    }
}
