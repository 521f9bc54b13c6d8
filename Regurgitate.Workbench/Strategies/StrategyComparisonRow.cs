using Regurgitate.Engine.Mitigation;

namespace Regurgitate.Workbench.Strategies;

/// <summary>One condition at one size: test BLEU over its completed seeds and, except for real data and the baseline, the gap it closes.</summary>
public sealed record StrategyComparisonRow(
    string Condition,
    string? Strategy,
    int Size,
    int Seeds,
    double MeanBleu,
    double SdBleu,
    GapClosureResult? Gap);
