using System.Globalization;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The learning curve as a paper figure: one series per condition in grid order, each in the condition's colour,
/// marker and dash (<see cref="ConditionStyles"/>) and drawn slightly apart along x, so that conditions with equal
/// values stay visible. The band the page shows is drawn only where a point has two or more seeds, and the caption
/// says so (one seed: "no band"). Its CSV also carries each point's seed count and mean steps and target tokens trained
/// (empty for runs recorded before budgets were), so the exported data says whether conditions were compared at equal
/// training. Files are named after the experiment and the metric.
/// </summary>
public static class LearningCurveFigure
{
    public const string SeedsColumn = "seeds";

    public const string StepsColumn = "steps";

    public const string TargetTokensColumn = "target_tokens";

    /// <summary>Name of the fine-tuning experiment's reference line: the pretrained model's score before fine-tuning.</summary>
    public const string PretrainedSeriesName = "pretrained, before fine-tuning";

    /// <param name="pretrainedScore">A fine-tuning experiment's zero-shot score, drawn as a dotted horizontal line across the sizes (a log axis cannot place size 0).</param>
    public static FigureSpec Build(IReadOnlyList<LearningCurveSeries> series, IReadOnlyList<string> order, BandMode band, bool logX, string yLabel, IReadOnlyList<int> seeds, string? signature, string? experimentName = null, double? pretrainedScore = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(seeds);
        var points = series.SelectMany(s => s.Points).ToList();
        var banded = band != BandMode.None && points.Any(p => p.Seeds > 1);
        var fullOrder = order.Concat(series.Select(s => s.Condition)).Distinct().ToList();
        var drawn = series.Select(s => s.Condition).ToList();
        var ordered = series.OrderBy(s => ConditionStyles.SlotOf(s.Condition, fullOrder)).ThenBy(s => s.Condition, StringComparer.Ordinal);
        var description = Description(yLabel, points, seeds, drawn.Count);
        var reference = PretrainedLine(pretrainedScore, points, fullOrder.Count);
        if (reference is not null)
        {
            description += string.Create(CultureInfo.InvariantCulture, $"; the dotted line is the pretrained model's score before fine-tuning ({pretrainedScore:0.00})");
        }

        return new FigureSpec
        {
            XLabel = "Training pairs",
            YLabel = yLabel,
            LogX = logX,
            FileName = FigureFileName.Of(string.IsNullOrWhiteSpace(experimentName) ? "learning-curve" : experimentName, yLabel),
            Caption = CaptionText.Build(description, signature, [], smoothing: null, banded ? BandText(band, points) : null),
            Series =
            [
                .. ordered.Select(s => new FigureSeries(s.Condition, [.. s.Points.Select(p => (double)p.Size)], [.. s.Points.Select(p => p.Mean)])
                {
                    Slot = ConditionStyles.SlotOf(s.Condition, fullOrder),
                    Color = ConditionStyles.ColorOf(s.Condition, fullOrder),
                    Markers = true,
                    XShift = ConditionStyles.OffsetOf(s.Condition, drawn, fullOrder),
                    Lower = banded ? [.. s.Points.Select(p => p.Seeds > 1 ? (band == BandMode.Std ? p.Mean - p.StandardDeviation : p.Min) : double.NaN)] : null,
                    Upper = banded ? [.. s.Points.Select(p => p.Seeds > 1 ? (band == BandMode.Std ? p.Mean + p.StandardDeviation : p.Max) : double.NaN)] : null,
                    BandLabel = banded ? BandText(band, points) : null,
                    Columns =
                    [
                        new FigureColumn(SeedsColumn, [.. s.Points.Select(p => (double)p.Seeds)]),
                        new FigureColumn(StepsColumn, [.. s.Points.Select(p => p.Steps ?? double.NaN)]),
                        new FigureColumn(TargetTokensColumn, [.. s.Points.Select(p => p.TargetTokens ?? double.NaN)]),
                    ],
                }),
                .. reference is null ? Array.Empty<FigureSeries>() : [reference],
            ],
        };
    }

    // Across the drawn sizes, in the grey the page's dotted line uses, after every condition's slot so no condition's look is taken.
    private static FigureSeries? PretrainedLine(double? score, IReadOnlyList<LearningCurvePoint> points, int conditionSlots)
    {
        var sizes = points.Select(p => (double)p.Size).Where(x => x > 0).ToList();
        if (score is not { } value || sizes.Count == 0)
        {
            return null;
        }

        return new FigureSeries(PretrainedSeriesName, [sizes.Min(), sizes.Max()], [value, value])
        {
            Slot = conditionSlots,
            Color = "#616161",
        };
    }

    // What a point is: one seed (then no band at all), a mean over the same seeds everywhere, or over varying counts.
    private static string Description(string yLabel, IReadOnlyList<LearningCurvePoint> points, IReadOnlyList<int> seeds, int conditions)
    {
        var text = $"{yLabel} against training pairs, one line per data condition";
        var fewest = points.Count == 0 ? 0 : points.Min(p => p.Seeds);
        var most = points.Count == 0 ? 0 : points.Max(p => p.Seeds);
        var distinctSeeds = seeds.Distinct().Order().ToList();
        text += most switch
        {
            <= 1 => "; one seed per point, no band",
            _ when fewest == most && distinctSeeds.Count == most => string.Create(CultureInfo.InvariantCulture, $"; each point the mean over seeds {string.Join(", ", distinctSeeds)}"),
            _ when fewest == most => string.Create(CultureInfo.InvariantCulture, $"; each point the mean over {most} seeds"),
            _ => string.Create(CultureInfo.InvariantCulture, $"; each point the mean over {fewest}–{most} seeds (the CSV's seeds column)"),
        };
        if (conditions > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; conditions are drawn {100 * ConditionStyles.OffsetFraction:0.#}% of the plot width apart around their true size, so that equal values stay visible");
        }

        return text;
    }

    private static string BandText(BandMode band, IReadOnlyList<LearningCurvePoint> points)
    {
        var what = band == BandMode.Std ? "mean ± one sample standard deviation over seeds" : "lowest to highest seed";
        return points.Any(p => p.Seeds == 1) ? what + ", only at points with two or more seeds" : what;
    }
}
