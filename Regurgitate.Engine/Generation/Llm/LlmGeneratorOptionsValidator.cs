using Microsoft.Extensions.Options;

namespace Regurgitate.Engine.Generation.Llm;

/// <summary>Checks <see cref="LlmGeneratorOptions"/> and reports every problem at once, each naming its configuration key.</summary>
public sealed class LlmGeneratorOptionsValidator : IValidateOptions<LlmGeneratorOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(LlmGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string s = LlmGeneratorOptions.SectionName;
        var errors = new List<string>();
        LlmEndpointChecks.Connection(errors, s, options.Endpoint, options.Provider, options.ApiKey, "Regurgitate__Llm__ApiKey");

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            errors.Add($"{s}:{nameof(options.Model)} must name the deployment (Azure) or model (OpenAI-compatible).");
        }

        if (string.IsNullOrEmpty(options.PromptTemplate) || !options.PromptTemplate.Contains(LlmGeneratorOptions.SourcePlaceholder, StringComparison.Ordinal))
        {
            errors.Add($"{s}:{nameof(options.PromptTemplate)} must contain the placeholder {LlmGeneratorOptions.SourcePlaceholder}.");
        }

        if (options.SystemPrompt is null)
        {
            errors.Add($"{s}:{nameof(options.SystemPrompt)} must be a string (empty sends no system message).");
        }

        if (double.IsNaN(options.Temperature) || options.Temperature < 0 || options.Temperature > 2)
        {
            errors.Add($"{s}:{nameof(options.Temperature)} must be between 0 and 2.");
        }

        if (options.TopP is { } topP && (double.IsNaN(topP) || topP <= 0 || topP > 1))
        {
            errors.Add($"{s}:{nameof(options.TopP)} must be in (0, 1].");
        }

        if (options.MaxOutputTokens < 1)
        {
            errors.Add($"{s}:{nameof(options.MaxOutputTokens)} must be at least 1.");
        }

        if (options.SamplesPerSource < 1)
        {
            errors.Add($"{s}:{nameof(options.SamplesPerSource)} must be at least 1.");
        }

        if (options.MaxConcurrency < 1)
        {
            errors.Add($"{s}:{nameof(options.MaxConcurrency)} must be at least 1.");
        }

        LlmEndpointChecks.Retries(errors, s, options.MaxRetries, options.RequestTimeout, options.InitialRetryDelay, options.MaxRetryDelay);

        if (options.PricePer1kInputTokens < 0)
        {
            errors.Add($"{s}:{nameof(options.PricePer1kInputTokens)} must not be negative.");
        }

        if (options.PricePer1kOutputTokens < 0)
        {
            errors.Add($"{s}:{nameof(options.PricePer1kOutputTokens)} must not be negative.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{s}:{nameof(options.Mode)} must be Chat or Batch.");
        }

        if (options.PricePer1kInputTokensBatch is < 0)
        {
            errors.Add($"{s}:{nameof(options.PricePer1kInputTokensBatch)} must not be negative.");
        }

        if (options.PricePer1kOutputTokensBatch is < 0)
        {
            errors.Add($"{s}:{nameof(options.PricePer1kOutputTokensBatch)} must not be negative.");
        }

        if (options.Mode == LlmGenerationMode.Batch && options.BatchPollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{s}:{nameof(options.BatchPollInterval)} must be positive in Batch mode.");
        }

        if (options.Mode == LlmGenerationMode.Batch && options.Provider == LlmProvider.AzureOpenAI && string.IsNullOrWhiteSpace(options.BatchAzureApiVersion))
        {
            errors.Add($"{s}:{nameof(options.BatchAzureApiVersion)} must name an api-version with the Batch API (e.g. 2024-10-21).");
        }

        if (options.Budget is < 0)
        {
            errors.Add($"{s}:{nameof(options.Budget)} must not be negative.");
        }

        if (options.Budget is not null && options.PricePer1kInputTokens == 0 && options.PricePer1kOutputTokens == 0)
        {
            errors.Add($"{s}:{nameof(options.Budget)} is set but both prices are 0, so it could never stop a run; set {nameof(options.PricePer1kInputTokens)} and {nameof(options.PricePer1kOutputTokens)}.");
        }

        return errors;
    }
}
