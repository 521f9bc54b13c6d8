using System.Globalization;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// A comparison chart as a paper figure: the lines as drawn (smoothed, the raw ones faint when shown, group means with
/// their band), the chart's axes and log scales, and a caption naming the runs and seeds, the band and the smoothing.
/// </summary>
public static class ComparisonFigure
{
    /// <param name="data">The chart's data (its query says how the lines were made).</param>
    /// <param name="shown">The lines as displayed: thinned, without the raw ones when they are hidden.</param>
    /// <param name="runs">The runs table rows of at least the runs behind the lines, for their seeds.</param>
    public static FigureSpec Build(ComparisonChartData data, IReadOnlyList<ChartTrace> shown, IReadOnlyList<ComparisonRunRow> runs, bool logX, bool logY)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(runs);
        var query = data.Query;
        var grouped = shown.Any(t => t.Kind is ChartTraceKind.GroupMean or ChartTraceKind.GroupRawMean);
        var bandLabel = grouped ? BandText(query.Band) : null;

        // The figure gives colour and dash slots in series order; ordering runs by id (groups keep their value order)
        // gives a run the same slot however the runs were ticked, and its raw line shares the slot by name.
        var ordered = shown.OrderBy(t => t.Kind is ChartTraceKind.Raw or ChartTraceKind.Smoothed && t.RunIds.Count > 0 ? t.RunIds[0] : 0).ToList();
        var series = ordered.Select(t => new FigureSeries(t.Name, t.X, t.Y)
        {
            Faint = t.IsRaw,
            // The dashboard's colour of the run or group, so the exported figure matches the chart it came from.
            Color = t.Color,
            Lower = t.Lower,
            Upper = t.Upper,
            BandLabel = t.Lower is not null && t.Upper is not null ? bandLabel : null,
        }).ToList();

        var byId = runs.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
        var drawnRuns = ordered.SelectMany(t => t.RunIds).Distinct().Order().Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        var axis = ChartLabels.Axis(query.Axis);
        var description = grouped
            ? Invariant($"{query.Metric} against {axis.ToLowerInvariant()}, one line per value of {query.GroupBy}: the mean of runs {string.Join(", ", drawnRuns.Select(r => "#" + r.Id.ToString(CultureInfo.InvariantCulture)))}")
            : Invariant($"{query.Metric} against {axis.ToLowerInvariant()}, one line per run ({string.Join("; ", drawnRuns.Select(r => Invariant($"#{r.Id}, seed {r.Seed}")))})");
        if (query.SkipFirst > 0)
        {
            description += Invariant($", first {query.SkipFirst} points of each run left out");
        }

        var smoothed = query.Smoothing.Kind != SmoothingKind.None;
        if (smoothed && shown.Any(t => t.IsRaw))
        {
            description += grouped ? "; faint lines: the mean of the unsmoothed values" : "; faint lines: the unsmoothed values";
        }

        return new FigureSpec
        {
            XLabel = axis,
            YLabel = query.Metric,
            LogX = logX,
            LogY = logY,
            Series = series,
            FileName = Path.GetFileNameWithoutExtension(ChartDataExport.FileName(data, "figure")),
            // Each ungrouped line is one seed, named with its run above; only group means average over seeds.
            Caption = CaptionText.Build(description, metricSignature: null, grouped ? [.. drawnRuns.Select(r => r.Seed)] : [], smoothed ? query.Smoothing.Describe() : null, bandLabel),
        };
    }

    /// <summary>What a group's shaded band shows, as a caption says it.</summary>
    public static string? BandText(BandKind band) => band switch
    {
        BandKind.StandardDeviation => "mean ± one sample standard deviation over runs",
        BandKind.StandardError => "mean ± one standard error over runs",
        BandKind.MinMax => "lowest to highest run",
        BandKind.ConfidenceInterval95 => "95% confidence interval of the mean (Student's t)",
        _ => null,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
