using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// Everything the comparison charts page shows, as one value that round-trips through the address
/// (<see cref="ChartStateUrl"/>), so a view can be bookmarked, shared and reloaded.
/// </summary>
public sealed record ChartState
{
    public IReadOnlyList<int> Runs { get; init; } = [];
    public string Metric { get; init; } = MetricNames.TrainLoss;
    public SeriesAxis Axis { get; init; } = SeriesAxis.Step;
    public SmoothingKind Smoothing { get; init; } = SmoothingKind.Ema;

    /// <summary>EMA weight, Gaussian sigma or running-mean window, depending on <see cref="Smoothing"/>.</summary>
    public double SmoothingParameter { get; init; } = 0.6;

    /// <summary>A <see cref="ComparisonRunRow.Fields"/> key to group runs by; null draws each run.</summary>
    public string? GroupBy { get; init; }

    public BandKind Band { get; init; } = BandKind.StandardDeviation;
    public bool LogX { get; init; }
    public bool LogY { get; init; }
    public int SkipFirst { get; init; }
    public bool ShowRaw { get; init; } = true;

    public SmoothingOptions SmoothingOptions => new(Smoothing, SmoothingParameter);

    public SeriesQuery ToQuery() => new(Runs, Metric, Axis, SmoothingOptions, SkipFirst, GroupBy, Band);

    /// <summary>The usual parameter of each smoothing kind, used when the kind changes.</summary>
    public static double DefaultParameter(SmoothingKind kind) => kind switch
    {
        SmoothingKind.Ema => 0.6,
        SmoothingKind.Gaussian => 5,
        SmoothingKind.RunningMean => 11,
        _ => 0,
    };

    /// <summary>
    /// The largest parameter offered: EMA weights below 1, and Gaussian sigma / running-mean windows of at most 200
    /// points (a wider Gaussian kernel costs 6σ operations per point on every curve).
    /// </summary>
    public static double MaxParameter(SmoothingKind kind) => kind == SmoothingKind.Ema ? 0.999 : 200;

    // Records compare lists by reference; the page compares states to decide whether to reload.
    public bool Equals(ChartState? other) =>
        other is not null && Runs.SequenceEqual(other.Runs) && Metric == other.Metric && Axis == other.Axis && Smoothing == other.Smoothing
        && SmoothingParameter.Equals(other.SmoothingParameter) && GroupBy == other.GroupBy && Band == other.Band && LogX == other.LogX
        && LogY == other.LogY && SkipFirst == other.SkipFirst && ShowRaw == other.ShowRaw;

    public override int GetHashCode() => HashCode.Combine(string.Join(',', Runs), Metric, Axis, Smoothing, SmoothingParameter, GroupBy, Band, HashCode.Combine(LogX, LogY, SkipFirst, ShowRaw));
}
