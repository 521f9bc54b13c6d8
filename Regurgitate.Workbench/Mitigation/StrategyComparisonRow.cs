using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>One condition at one size: test BLEU over its completed seeds, its difference from the baseline and, for strategies, the gap closed.</summary>
/// <param name="Seeds">Completed seeds of this condition (the BLEU mean and sd are over these).</param>
/// <param name="Difference">
/// BLEU minus the baseline's, paired by seed: real − baseline on the real-data row, strategy − baseline on the others;
/// null for the baseline itself and when no seed is shared with it.
/// </param>
/// <param name="Gap">For a strategy with real-data runs on shared seeds: strategy − baseline, real − baseline and the share of the gap closed (none unless real data is measurably better).</param>
/// <param name="Steps">Mean optimiser steps over the seeds; null unless every seed recorded its training budget.</param>
/// <param name="TargetTokens">Mean target tokens trained on over the seeds; null unless every seed recorded its training budget.</param>
/// <param name="SameTrainingDataEverySeed">Every seed trains on the same pairs (ordered, no real share), so the spread over seeds is training randomness only.</param>
public sealed record StrategyComparisonRow(
    string Condition,
    string? Strategy,
    int Size,
    int Seeds,
    double MeanBleu,
    double SdBleu,
    PairedDifference? Difference,
    GapClosureResult? Gap,
    bool SameTrainingDataEverySeed,
    double? Steps = null,
    double? TargetTokens = null);
