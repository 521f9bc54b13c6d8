

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Axis ranges, ticks and the data-to-page mapping of <see cref="FigureLayout"/>.</summary>
internal static class FigureAxes
{
    public static (double Min, double Max) DataRange(IReadOnlyList<FigureSeries> series, Func<FigureSeries, IReadOnlyList<double>> values, Func<FigureSeries, IReadOnlyList<double>?> lower, Func<FigureSeries, IReadOnlyList<double>?> upper, bool log)
    {
        var all = series.SelectMany(s => values(s).Take(s.Count).Concat(lower(s) ?? []).Concat(upper(s) ?? [])).Where(v => FigureSeriesDrawing.Usable(v, log)).ToList();
        return all.Count == 0 ? (double.NaN, double.NaN) : (all.Min(), all.Max());
    }

    public static (AxisRange Range, IReadOnlyList<double> Major, IReadOnlyList<double> Minor) Fit(AxisRange? fixedRange, (double Min, double Max) data, bool log, int intervals)
    {
        if (log)
        {
            var range = fixedRange is { } r && r.IsValid(true) ? r : AxisTicks.FitLog(data.Min, data.Max);
            var (major, minor) = AxisTicks.Log(range);
            return (range, major, minor);
        }

        var linear = fixedRange is { } l && l.IsValid(false) ? l : AxisTicks.FitLinear(data.Min, data.Max, intervals);
        return (linear, AxisTicks.Linear(linear, intervals), []);
    }

    // As many x ticks as fit: start from one interval per 3 f and drop intervals until the labels have 1.5 f between them.
    public static (AxisRange Range, IReadOnlyList<double> Major, IReadOnlyList<double> Minor, IReadOnlyList<string> Labels) FitX(FigureSpec spec, (double Min, double Max) data, double plotWidth, FigureFont font, double f)
    {
        if (spec.XTickLabels is { Count: > 0 } fixedTicks && !spec.LogX)
        {
            var ordered = fixedTicks.OrderBy(t => t.Key).ToList();
            var half = ordered.Count > 1 ? (ordered[^1].Key - ordered[0].Key) / (ordered.Count - 1) / 2 : 0.5;
            var range = spec.XRange is { } r && r.IsValid(false) ? r : new AxisRange(ordered[0].Key - half, ordered[^1].Key + half);
            return (range, [.. ordered.Select(t => t.Key)], [], [.. ordered.Select(t => t.Value)]);
        }

        for (var intervals = Math.Clamp((int)Math.Floor(plotWidth / (3 * f)), 1, 12); ; intervals--)
        {
            var (range, major, minor) = Fit(spec.XRange, data, spec.LogX, intervals);
            var labels = AxisTicks.Labels(major, spec.LogX);
            var mapX = Mapper(range, spec.LogX, 0, plotWidth);
            var fits = true;
            for (var i = 1; i < major.Count && fits; i++)
            {
                var gap = mapX(major[i]) - mapX(major[i - 1]);
                fits = gap >= ((FontMetrics.Width(labels[i], font, f) + FontMetrics.Width(labels[i - 1], font, f)) / 2) + (1.5 * f);
            }

            if (fits || intervals <= 1 || spec.LogX)
            {
                return (range, major, minor, labels);
            }
        }
    }

    public static Func<double, double> Mapper(AxisRange range, bool log, double from, double to)
    {
        var (a, b) = log ? (Math.Log10(range.Min), Math.Log10(range.Max)) : (range.Min, range.Max);
        var scale = (to - from) / (b - a);
        return log ? v => from + ((Math.Log10(v) - a) * scale) : v => from + ((v - a) * scale);
    }
}
