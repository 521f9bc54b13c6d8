using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// Everything a comparison chart draws, at full resolution: raw and smoothed traces (or group means with bands), plus
/// what produced them, for exports that say how a figure was made.
/// </summary>
/// <param name="Query">The request.</param>
/// <param name="Traces">Raw traces first then smoothed ones, per run or group, in legend order.</param>
/// <param name="MissingRuns">Runs with no point of the metric on the chosen axis (e.g. recorded before the axis existed).</param>
public sealed record ComparisonChartData(SeriesQuery Query, IReadOnlyList<ChartTrace> Traces, IReadOnlyList<int> MissingRuns)
{
    public int PointCount => Traces.Sum(t => t.X.Length);

    /// <summary>
    /// The same chart thinned for display with min/max-per-bucket downsampling (<see cref="Downsampling"/>): each
    /// trace keeps its own extremes; a band keeps the points its mean keeps. Raw traces may be thinned further
    /// (<paramref name="maxPointsPerRawTrace"/>, by default as much as the others).
    /// </summary>
    public ComparisonChartData ForDisplay(int maxPointsPerTrace = Downsampling.DefaultMaxPoints, int? maxPointsPerRawTrace = null)
    {
        var thinned = Traces.Select(t =>
        {
            var limit = t.IsRaw && maxPointsPerRawTrace is { } raw ? Math.Min(raw, maxPointsPerTrace) : maxPointsPerTrace;
            if (t.X.Length <= limit)
            {
                return t;
            }

            var keep = Downsampling.MinMaxIndices(t.Y, limit);
            return t with
            {
                X = Downsampling.Take(t.X, keep),
                Y = Downsampling.Take(t.Y, keep),
                Lower = t.Lower is null ? null : Downsampling.Take(t.Lower, keep),
                Upper = t.Upper is null ? null : Downsampling.Take(t.Upper, keep),
            };
        }).ToList();
        return this with { Traces = thinned };
    }
}
