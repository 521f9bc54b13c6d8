namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// Token and price arithmetic of <see cref="LlmGenerator"/>: the pre-flight estimate of a request's tokens and the
/// cost of tokens at the configured prices. Shared by the up-front <see cref="LlmGenerator.Estimate"/> and the
/// per-request budget reservation of a running generation, so both use the same heuristic.
/// </summary>
internal sealed class LlmCostModel(LlmGeneratorOptions options, LlmRequestFactory factory)
{
    /// <summary>
    /// Heuristic (documented, deliberately simple): 1 token per 4 characters of every message, plus 4 tokens per
    /// message and 3 for the reply priming; the reply is estimated at 1.3 × the source's token estimate + 2, capped at
    /// <see cref="LlmGeneratorOptions.MaxOutputTokens"/>.
    /// </summary>
    public (long Input, long Output) EstimateTokens(string source)
    {
        static long Tokens(string text) => (text.Length + 3) / 4;
        var messages = string.IsNullOrEmpty(options.SystemPrompt) ? 1 : 2;
        var input = Tokens(options.SystemPrompt ?? "") + Tokens(factory.Prompt(source)) + (4 * messages) + 3;
        var output = Math.Min(options.MaxOutputTokens, (long)Math.Ceiling(Tokens(source) * 1.3) + 2);
        return (input, output);
    }

    /// <summary>At the batch prices in <see cref="LlmGenerationMode.Batch"/> mode, so estimates, budget and journalled costs agree with the bill.</summary>
    public decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputPrice / 1000m) + (outputTokens * OutputPrice / 1000m);

    private decimal InputPrice => options.Mode == LlmGenerationMode.Batch ? options.PricePer1kInputTokensBatch ?? options.PricePer1kInputTokens / 2 : options.PricePer1kInputTokens;

    private decimal OutputPrice => options.Mode == LlmGenerationMode.Batch ? options.PricePer1kOutputTokensBatch ?? options.PricePer1kOutputTokens / 2 : options.PricePer1kOutputTokens;
}
