namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// An experiment's conditions side by side at every size: BLEU over seeds, each condition's difference from
/// <see cref="BaselineCondition"/> (plain regurgitative training) and, where <see cref="RealCondition"/> is measurably
/// better than the baseline, the share of that gap each strategy closes.
/// </summary>
/// <param name="Resamples">Hierarchical bootstrap resamples behind every interval.</param>
/// <param name="Notes">Runs left out and why.</param>
/// <param name="UnequalSteps">Sizes at which conditions trained for different numbers of steps on the same seed.</param>
public sealed record StrategyComparison(
    string RealCondition,
    string BaselineCondition,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<StrategyComparisonRow> Rows,
    string Signature,
    int Resamples,
    IReadOnlyList<string> Notes,
    IReadOnlyList<StepSpread> UnequalSteps);
