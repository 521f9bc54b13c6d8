using Microsoft.Extensions.Options;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>Checks <see cref="HostedFineTuningOptions"/> and reports every problem at once, each naming its configuration key.</summary>
public sealed class HostedFineTuningOptionsValidator : IValidateOptions<HostedFineTuningOptions>
{
    public ValidateOptionsResult Validate(string? name, HostedFineTuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(HostedFineTuningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string s = HostedFineTuningOptions.SectionName;
        var errors = new List<string>();
        LlmEndpointChecks.Connection(errors, s, options.Endpoint, options.Provider, options.ApiKey, "Regurgitate__HostedFineTuning__ApiKey");

        if (options.Provider == LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(options.AzureApiVersion))
        {
            errors.Add($"{s}:{nameof(options.AzureApiVersion)} must name an Azure OpenAI api-version (e.g. 2024-10-21).");
        }

        if (string.IsNullOrWhiteSpace(options.BaseModel))
        {
            errors.Add($"{s}:{nameof(options.BaseModel)} must name the model to fine-tune (e.g. gpt-35-turbo-0125).");
        }

        if (string.IsNullOrEmpty(options.PromptTemplate) || !options.PromptTemplate.Contains(LlmGeneratorOptions.SourcePlaceholder, StringComparison.Ordinal))
        {
            errors.Add($"{s}:{nameof(options.PromptTemplate)} must contain the placeholder {LlmGeneratorOptions.SourcePlaceholder}.");
        }

        if (options.SystemPrompt is null)
        {
            errors.Add($"{s}:{nameof(options.SystemPrompt)} must be a string (empty sends no system message).");
        }

        if (options.Epochs is < 1 or > 50)
        {
            errors.Add($"{s}:{nameof(options.Epochs)} must be between 1 and 50 (or absent for auto).");
        }

        if (options.LearningRateMultiplier is { } lr && (double.IsNaN(lr) || lr <= 0 || lr > 100))
        {
            errors.Add($"{s}:{nameof(options.LearningRateMultiplier)} must be in (0, 100] (or absent for auto).");
        }

        if (options.BatchSize is < 1 or > 256)
        {
            errors.Add($"{s}:{nameof(options.BatchSize)} must be between 1 and 256 (or absent for auto).");
        }

        if (options.EstimatedAutoEpochs < 1)
        {
            errors.Add($"{s}:{nameof(options.EstimatedAutoEpochs)} must be at least 1.");
        }

        if (options.PricePer1MTrainingTokens < 0)
        {
            errors.Add($"{s}:{nameof(options.PricePer1MTrainingTokens)} must not be negative.");
        }

        if (options.Budget is < 0)
        {
            errors.Add($"{s}:{nameof(options.Budget)} must not be negative.");
        }

        if (options.Budget is not null && options.PricePer1MTrainingTokens == 0)
        {
            errors.Add($"{s}:{nameof(options.Budget)} is set but {nameof(options.PricePer1MTrainingTokens)} is 0, so it could never stop a job.");
        }

        if (string.IsNullOrWhiteSpace(options.EvaluationDeploymentPattern)
            || (!options.EvaluationDeploymentPattern.Contains(HostedFineTuningOptions.ModelPlaceholder, StringComparison.Ordinal)
                && !options.EvaluationDeploymentPattern.Contains(HostedFineTuningOptions.JobPlaceholder, StringComparison.Ordinal)))
        {
            errors.Add($"{s}:{nameof(options.EvaluationDeploymentPattern)} must contain {HostedFineTuningOptions.ModelPlaceholder} or {HostedFineTuningOptions.JobPlaceholder}, or every job's evaluation would use one deployment.");
        }

        if (options.MaxConcurrentJobs < 1)
        {
            errors.Add($"{s}:{nameof(options.MaxConcurrentJobs)} must be at least 1.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{s}:{nameof(options.PollInterval)} must be positive.");
        }

        LlmEndpointChecks.Retries(errors, s, options.MaxRetries, options.RequestTimeout, options.InitialRetryDelay, options.MaxRetryDelay);
        return errors;
    }
}
