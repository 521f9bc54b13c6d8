namespace Regurgitate.Engine.Generation;

/// <summary>Where one generated target came from: enough to trace it, price it and regenerate it.</summary>
/// <param name="GeneratorId">The <see cref="GeneratorDescriptor.Id"/> of the generator.</param>
/// <param name="RequestHash">Hash of the full request (model, prompt, sampling parameters, sample index), when there was one.</param>
/// <param name="CreatedAt">When the target was produced (or imported).</param>
/// <param name="PromptTokens">Tokens billed for the prompt, when the generator reports them.</param>
/// <param name="CompletionTokens">Tokens billed for the completion, when the generator reports them.</param>
/// <param name="Cost">Cost in the configured currency, when known.</param>
public sealed record TranslationProvenance(
    string GeneratorId,
    string? RequestHash,
    DateTimeOffset CreatedAt,
    int? PromptTokens = null,
    int? CompletionTokens = null,
    decimal? Cost = null);
