using System.Globalization;
using System.Text;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// A learning curve as a paper table: one row per training size, one column per condition, each cell the mean ± sample
/// standard deviation over seeds with the seed count, as Markdown or a LaTeX booktabs <c>tabular</c>. Sizes a condition
/// has no completed seed for show a dash. Runs that recorded their training budget add the mean steps and target tokens
/// trained, so that a reader sees whether conditions were compared at equal training. Scores are written by
/// <see cref="ScoreText"/>, with the precision of every other table.
/// </summary>
public static class LearningCurveTableText
{
    public const string Missing = "–";

    public static string Cell(LearningCurvePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var score = point.Seeds > 1
            ? $"{ScoreText.Number(point.Mean)} ± {ScoreText.Format(point.StandardDeviation)} (n={point.Seeds})"
            : $"{ScoreText.Number(point.Mean)} (n=1)";
        return TrainingBudgetText.Of(point) is { } budget ? $"{score}; {budget}" : score;
    }

    public static string Caption(string metric, bool withBudget = false) =>
        $"{metric} by training size and condition: mean ± sample standard deviation over the completed seeds (n)"
        + (withBudget ? "; then the mean optimiser steps and target tokens those seeds trained for." : ".");

    public static string Markdown(IReadOnlyList<LearningCurveSeries> series, string metric = "Test BLEU")
    {
        ArgumentNullException.ThrowIfNull(series);
        var text = new StringBuilder();
        var header = new List<string> { "Training pairs" };
        header.AddRange(series.Select(s => s.Condition));
        text.Append("| ").AppendJoin(" | ", header.Select(TableText.EscapeMarkdown)).Append(" |\n");
        text.Append('|').AppendJoin('|', header.Select(_ => "---:")).Append("|\n");
        foreach (var size in Sizes(series))
        {
            var cells = new List<string> { size.ToString("N0", CultureInfo.InvariantCulture) };
            cells.AddRange(series.Select(s => s.Points.FirstOrDefault(p => p.Size == size) is { } p ? Cell(p) : Missing));
            text.Append("| ").AppendJoin(" | ", cells.Select(TableText.EscapeMarkdown)).Append(" |\n");
        }

        text.Append('\n').Append(TableText.EscapeMarkdown(Caption(metric, HasBudget(series)))).Append('\n');
        return text.ToString();
    }

    /// <summary>A <c>tabular</c> with booktabs rules (<c>\usepackage{booktabs}</c>); the caption follows as a comment.</summary>
    public static string Latex(IReadOnlyList<LearningCurveSeries> series, string metric = "Test BLEU")
    {
        ArgumentNullException.ThrowIfNull(series);
        var text = new StringBuilder();
        text.Append("% requires \\usepackage{booktabs}\n");
        text.Append("\\begin{tabular}{r").Append(new string('r', series.Count)).Append("}\n\\toprule\n");
        text.Append("Training pairs");
        foreach (var s in series)
        {
            text.Append(" & ").Append(TableText.EscapeLatex(s.Condition));
        }

        text.Append(" \\\\\n\\midrule\n");
        foreach (var size in Sizes(series))
        {
            text.Append(size.ToString("N0", CultureInfo.InvariantCulture).Replace(",", "{,}", StringComparison.Ordinal));
            foreach (var s in series)
            {
                text.Append(" & ");
                if (s.Points.FirstOrDefault(p => p.Size == size) is not { } p)
                {
                    text.Append("--");
                    continue;
                }

                text.Append(ScoreText.Format(p.Mean));
                if (p.Seeds > 1)
                {
                    text.Append(" $\\pm$ ").Append(ScoreText.Format(p.StandardDeviation));
                }

                text.Append(CultureInfo.InvariantCulture, $" ({p.Seeds})");
                if (TrainingBudgetText.Of(p) is { } budget)
                {
                    text.Append("; ").Append(TableText.EscapeLatex(budget));
                }
            }

            text.Append(" \\\\\n");
        }

        text.Append("\\bottomrule\n\\end{tabular}\n");
        text.Append("% ").Append(Caption(metric, HasBudget(series))).Append('\n');
        return text.ToString();
    }

    private static bool HasBudget(IReadOnlyList<LearningCurveSeries> series) => series.SelectMany(s => s.Points).Any(p => p.Steps is not null);

    private static IEnumerable<int> Sizes(IReadOnlyList<LearningCurveSeries> series) =>
        series.SelectMany(s => s.Points).Select(p => p.Size).Distinct().Order();
}
