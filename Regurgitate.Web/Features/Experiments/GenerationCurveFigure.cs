using System.Globalization;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The BLEU-by-generation curve (<see cref="GenerationCurve"/>) as lines for the page and as a paper figure: one line
/// per policy (and size, when the grid has several), x the generation with 0 labelled "real", error bars ± one sample
/// standard deviation over seeds where a point has two or more. Every policy's line starts at the same real and
/// generation-1 points, so the lines are drawn slightly apart along x to keep both visible. The CSV carries each point's
/// sd and seed count. Files are named after the experiment and "test BLEU by generation".
/// </summary>
public static class GenerationCurveFigure
{
    public const string XLabel = "Generation";

    public const string SdColumn = "sd";

    public const string SeedsColumn = "seeds";

    /// <summary>The lines in drawing order: replace before accumulate, smaller sizes first.</summary>
    public static IReadOnlyList<(string Name, int Slot, double XShift, IReadOnlyList<GenerationCurvePoint> Points)> Lines(IReadOnlyList<GenerationCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var severalSizes = points.Select(p => p.Size).Distinct().Count() > 1;
        var groups = points.GroupBy(p => (p.Size, p.Policy)).OrderBy(g => g.Key.Size).ThenBy(g => g.Key.Policy).ToList();
        return
        [
            .. groups.Select((g, i) => (
                Name: severalSizes ? $"{PolicyName(g.Key.Policy)}, {g.Key.Size.ToString("N0", CultureInfo.InvariantCulture)} pairs" : PolicyName(g.Key.Policy),
                // Slot 0 is the real data's look elsewhere; policies keep theirs whichever are present.
                Slot: 1 + (int)g.Key.Policy,
                XShift: (i - ((groups.Count - 1) / 2.0)) * ConditionStyles.OffsetFraction,
                Points: (IReadOnlyList<GenerationCurvePoint>)[.. g.OrderBy(p => p.Generation)])),
        ];
    }

    public static string PolicyName(GenerationPolicy policy) => policy.ToString().ToLowerInvariant();

    /// <summary>A tick at every generation from 0 to the last, 0 labelled "real".</summary>
    public static IReadOnlyList<KeyValuePair<double, string>> Ticks(IReadOnlyList<GenerationCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var last = points.Count == 0 ? 1 : Math.Max(1, points.Max(p => p.Generation));
        return [.. Enumerable.Range(0, last + 1).Select(g => KeyValuePair.Create((double)g, g == 0 ? ExperimentGrid.RealCondition : g.ToString(CultureInfo.InvariantCulture)))];
    }

    public static FigureSpec Build(IReadOnlyList<GenerationCurvePoint> points, IReadOnlyList<int> seeds, string? signature, string? experimentName = null, string yLabel = "Test BLEU")
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(seeds);
        var lines = Lines(points);
        return new FigureSpec
        {
            XLabel = XLabel,
            YLabel = yLabel,
            XTickLabels = Ticks(points),
            FileName = FigureFileName.Of(string.IsNullOrWhiteSpace(experimentName) ? "generations" : experimentName, yLabel, "by generation"),
            // The band argument of the caption says "Shaded:"; error bars are described in the text instead.
            Caption = CaptionText.Build(Description(yLabel, points, lines.Count), signature, seeds, smoothing: null),
            Series =
            [
                .. lines.Select(line => new FigureSeries(line.Name, [.. line.Points.Select(p => (double)p.Generation)], [.. line.Points.Select(p => p.Mean)])
                {
                    Slot = line.Slot,
                    Markers = true,
                    XShift = line.XShift,
                    ErrorBars = true,
                    Lower = [.. line.Points.Select(p => p.Seeds > 1 ? p.Mean - p.StandardDeviation : double.NaN)],
                    Upper = [.. line.Points.Select(p => p.Seeds > 1 ? p.Mean + p.StandardDeviation : double.NaN)],
                    Columns =
                    [
                        new FigureColumn(SdColumn, [.. line.Points.Select(p => p.Seeds > 1 ? p.StandardDeviation : double.NaN)]),
                        new FigureColumn(SeedsColumn, [.. line.Points.Select(p => (double)p.Seeds)]),
                    ],
                }),
            ],
        };
    }

    /// <summary>Hover text of a point on the page: its condition, score with sd and seed count.</summary>
    public static string HoverText(GenerationCurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Seeds == 1
            ? $"{point.Condition}: {ScoreText.Format(point.Mean)}, one seed"
            : $"{point.Condition}: {ScoreText.Format(point.Mean)} ± {ScoreText.Format(point.StandardDeviation)}, {point.Seeds} seeds";
    }

    private static string Description(string yLabel, IReadOnlyList<GenerationCurvePoint> points, int lines)
    {
        var text = $"{yLabel} against generation, one line per policy; generation 0 are models trained on the real pairs and generation k models trained on generation k's translations; generations 0 and 1 are shared by every policy";
        var fewest = points.Count == 0 ? 0 : points.Min(p => p.Seeds);
        var most = points.Count == 0 ? 0 : points.Max(p => p.Seeds);
        text += most <= 1
            ? "; one seed per point, no error bars"
            : string.Create(CultureInfo.InvariantCulture, $"; error bars ± one sample standard deviation over {(fewest == most ? $"{most}" : $"{fewest}–{most}")} seeds (n per point in the CSV's seeds column){(fewest == 1 ? ", none where a point has one seed" : string.Empty)}");
        if (lines > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; lines are drawn {100 * ConditionStyles.OffsetFraction:0.#}% of the plot width apart so that shared points stay visible");
        }

        return text;
    }
}
