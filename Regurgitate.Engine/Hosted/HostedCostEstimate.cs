namespace Regurgitate.Engine.Hosted;

/// <summary>
/// The cost of the jobs not yet in the journal, before launch: estimated training tokens (one pass, by the
/// <see cref="HostedTrainingFile.EstimateTokens"/> heuristic) × epochs × <see cref="HostedFineTuningOptions.PricePer1MTrainingTokens"/>.
/// </summary>
/// <param name="Jobs">Every requested job.</param>
/// <param name="Journalled">Jobs already created (or settled) in the journal: no new cost.</param>
/// <param name="TrainingTokens">Estimated trained tokens (× epochs) of the new jobs.</param>
/// <param name="Cost">Estimated cost of the new jobs.</param>
/// <param name="Spent">What the journal already commits (actual cost of ended jobs, estimates of running ones).</param>
public sealed record HostedCostEstimate(int Jobs, int Journalled, long TrainingTokens, decimal Cost, decimal Spent, decimal? Budget)
{
    public bool FitsBudget => Budget is null || Spent + Cost <= Budget;
}
