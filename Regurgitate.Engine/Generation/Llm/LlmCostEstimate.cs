namespace Regurgitate.Engine.Generation.Llm;

/// <summary>
/// A pre-run estimate for the requests not yet settled in the journal (see <see cref="LlmGenerator.Estimate"/> for the heuristic).
/// </summary>
/// <param name="Requests">All (source, sample) requests.</param>
/// <param name="Cached">Requests already settled in the journal (free).</param>
/// <param name="InputTokens">Estimated prompt tokens of the remaining requests.</param>
/// <param name="OutputTokens">Estimated completion tokens of the remaining requests.</param>
/// <param name="Cost">Estimated cost of the remaining requests.</param>
/// <param name="WorstCaseCost">Cost if every remaining reply ran to <see cref="LlmGeneratorOptions.MaxOutputTokens"/>.</param>
/// <param name="Spent">What the journal already records as spent.</param>
/// <param name="Budget">The configured budget, if any.</param>
public sealed record LlmCostEstimate(int Requests, int Cached, long InputTokens, long OutputTokens, decimal Cost, decimal WorstCaseCost, decimal Spent, decimal? Budget)
{
    /// <summary>Whether the estimate fits the budget (always true without one).</summary>
    public bool FitsBudget => Budget is null || Spent + Cost <= Budget;
}
