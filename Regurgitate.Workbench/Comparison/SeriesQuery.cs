using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Workbench.Comparison;

/// <summary>What a comparison chart shows: one metric of some runs against an x axis, smoothed, optionally grouped.</summary>
/// <param name="RunIds">The runs, in legend order.</param>
/// <param name="Metric">A stored curve name, e.g. <c>train/loss</c>.</param>
/// <param name="Axis">The x axis.</param>
/// <param name="Smoothing">Applied per run on full-resolution data.</param>
/// <param name="SkipFirst">Points dropped from the start of every run's curve before smoothing (e.g. the warm-up spike).</param>
/// <param name="GroupBy">A field of <see cref="ComparisonRunRow.Fields"/> (a config path such as <c>Mixture.RealFraction</c>, or <c>Condition</c>); null draws every run.</param>
/// <param name="Band">The band around each group's mean.</param>
public sealed record SeriesQuery(
    IReadOnlyList<int> RunIds,
    string Metric,
    SeriesAxis Axis,
    SmoothingOptions Smoothing,
    int SkipFirst = 0,
    string? GroupBy = null,
    BandKind Band = BandKind.StandardDeviation);
