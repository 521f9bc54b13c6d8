using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Figures;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The learning curve as a paper figure: one series per condition in grid order, with the band the page shows. Its CSV
/// also carries each point's mean steps and target tokens trained (empty for runs recorded before budgets were), so the
/// exported data says whether conditions were compared at equal training.
/// </summary>
public static class LearningCurveFigure
{
    public const string StepsColumn = "steps";

    public const string TargetTokensColumn = "target_tokens";

    public static FigureSpec Build(IReadOnlyList<LearningCurveSeries> series, IReadOnlyList<string> order, BandMode band, bool logX, string yLabel, IReadOnlyList<int> seeds, string? signature)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(order);
        var bandLabel = band switch
        {
            BandMode.Std => "mean ± one sample standard deviation over seeds",
            BandMode.Range => "lowest to highest seed",
            _ => null,
        };
        var rank = order.Select((condition, index) => (condition, index)).DistinctBy(c => c.condition).ToDictionary(c => c.condition, c => c.index, StringComparer.Ordinal);
        var ordered = series.OrderBy(s => rank.GetValueOrDefault(s.Condition, int.MaxValue)).ThenBy(s => s.Condition, StringComparer.Ordinal);
        return new FigureSpec
        {
            XLabel = "Training pairs",
            YLabel = yLabel,
            LogX = logX,
            FileName = "learning-curve",
            Caption = CaptionText.Build($"{yLabel} against training pairs, one line per data condition", signature, seeds, smoothing: null, bandLabel),
            Series =
            [
                .. ordered.Select(s => new FigureSeries(s.Condition, [.. s.Points.Select(p => (double)p.Size)], [.. s.Points.Select(p => p.Mean)])
                {
                    Lower = band switch
                    {
                        BandMode.Std => [.. s.Points.Select(p => p.Mean - p.StandardDeviation)],
                        BandMode.Range => [.. s.Points.Select(p => p.Min)],
                        _ => null,
                    },
                    Upper = band switch
                    {
                        BandMode.Std => [.. s.Points.Select(p => p.Mean + p.StandardDeviation)],
                        BandMode.Range => [.. s.Points.Select(p => p.Max)],
                        _ => null,
                    },
                    BandLabel = band == BandMode.None ? null : bandLabel,
                    Columns =
                    [
                        new FigureColumn(StepsColumn, [.. s.Points.Select(p => p.Steps ?? double.NaN)]),
                        new FigureColumn(TargetTokensColumn, [.. s.Points.Select(p => p.TargetTokens ?? double.NaN)]),
                    ],
                }),
            ],
        };
    }
}
