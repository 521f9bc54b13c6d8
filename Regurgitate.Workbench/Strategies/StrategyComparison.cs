namespace Regurgitate.Workbench.Strategies;

/// <summary>
/// An experiment's conditions side by side at every size: BLEU over seeds and the share of the gap between
/// <see cref="BaselineCondition"/> (plain regurgitative training) and <see cref="RealCondition"/> each one closes.
/// </summary>
public sealed record StrategyComparison(
    string RealCondition,
    string BaselineCondition,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<StrategyComparisonRow> Rows,
    string Signature,
    int Resamples,
    IReadOnlyList<string> Notes);
