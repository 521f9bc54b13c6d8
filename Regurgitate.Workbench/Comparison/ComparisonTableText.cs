using System.Globalization;
using System.Text;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// A comparison as a paper-style table: per system its size and seed, then per metric the corpus score with the
/// bootstrap mean ± 95% half-width, the difference from the baseline with its 95% bootstrap interval, and the p-values
/// of the paired bootstrap and of approximate randomization against the baseline; below the table, the tests and the
/// signatures. Scores are written by <see cref="ScoreText"/> (two decimals, as everywhere else). The asterisk marks
/// p &lt; 0.05 only where the shown scores differ: "30.00 vs 30.00*" would claim a difference the reader cannot see,
/// and the difference and its interval beside p say how large it is. Cells are shared by the dashboard, Markdown and
/// LaTeX (booktabs) so that all three show the same numbers.
/// </summary>
public static class ComparisonTableText
{
    /// <summary>What a missing p-value or difference (the baseline's) is shown as.</summary>
    public const string NoValue = ScoreText.NoValue;

    public static string Score(ComparisonScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return ScoreText.Format(score.Score);
    }

    /// <summary><c>35.42 ± 1.20</c>.</summary>
    public static string Confidence(ComparisonScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return PairedResultText.Confidence(score.Mean, score.HalfWidth, ScoreText.Digits);
    }

    /// <summary><c>+0.42 [0.10, 0.75]</c>: the score minus the baseline's and its 95% bootstrap interval; <see cref="NoValue"/> for the baseline.</summary>
    public static string Difference(ComparisonScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Difference is not { } difference)
        {
            return NoValue;
        }

        return score.DifferenceInterval is { } interval ? $"{ScoreText.Signed(difference)} {ScoreText.Interval(interval)}" : ScoreText.Signed(difference);
    }

    /// <summary>
    /// Whether the row gets the asterisk: the paired bootstrap finds p &lt; 0.05 and the shown scores differ from the
    /// baseline's (equal shown scores never carry a marker, whatever p says).
    /// </summary>
    public static bool IsMarked(ComparisonScore score, ComparisonScore baseline)
    {
        ArgumentNullException.ThrowIfNull(score);
        return IsMarked(score.BootstrapPValue, score, baseline);
    }

    /// <summary>The rule of <see cref="IsMarked(ComparisonScore, ComparisonScore)"/> for either test's p-value.</summary>
    public static bool IsMarked(double? pValue, ComparisonScore score, ComparisonScore baseline)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(baseline);
        return PairedResultText.IsSignificant(pValue) && !ScoreText.ShowEqual(score.Score, baseline.Score);
    }

    /// <summary><c>0.0010*</c> (the asterisk only when <paramref name="marked"/>), or <see cref="NoValue"/> for the baseline.</summary>
    public static string PValue(double? pValue, bool marked) =>
        pValue is { } p ? PairedResultText.PValue(p) + (marked && PairedResultText.IsSignificant(p) ? PairedResultText.SignificanceMarker : string.Empty) : NoValue;

    /// <summary>The sentence under the table that says what the numbers are.</summary>
    public static string Caption(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var options = comparison.Options;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{comparison.Segments:N0} test sentences. Each score: corpus score (bootstrap mean ± half-width of the 95% interval). " +
            $"p-values against the baseline {Run(comparison.Baseline)}: " +
            $"{PairedResultText.Title(PairedTestKind.Bootstrap, options.Resamples)} (bs), " +
            $"{PairedResultText.Title(PairedTestKind.ApproximateRandomization, options.Trials).ToLowerInvariant()} (ar), seed {options.Seed}; " +
            $"Δ: score minus the baseline's with the 95% interval of the paired bootstrap's differences. " +
            $"{PairedResultText.SignificanceMarker} p < {PairedResultText.SignificanceLevel.ToString(CultureInfo.InvariantCulture)} where the shown scores differ.");
    }

    public static string SystemName(ComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsBaseline ? $"{row.Run.Name} (baseline)" : row.Run.Name;
    }

    public static string Markdown(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        var header = new List<string> { "System", "Run", "Size", "Seed" };
        foreach (var metric in comparison.Metrics)
        {
            header.AddRange([$"{metric.Name} (μ ± 95% CI)", "Δ (95% CI)", "p (bs)", "p (ar)"]);
        }

        text.Append("| ").AppendJoin(" | ", header.Select(EscapeMarkdown)).Append(" |\n");
        text.Append('|').AppendJoin('|', header.Select((_, i) => i < 2 ? "---" : "---:")).Append("|\n");
        foreach (var row in comparison.Rows)
        {
            var cells = new List<string> { SystemName(row), Run(row), Size(row), Seed(row) };
            for (var m = 0; m < row.Scores.Count; m++)
            {
                var score = row.Scores[m];
                var bootstrapMarked = IsMarked(score, comparison.Baseline.Scores[m]);
                var randomizationMarked = IsMarked(score.RandomizationPValue, score, comparison.Baseline.Scores[m]);
                cells.AddRange([$"{Score(score)} ({Confidence(score)}){(bootstrapMarked ? PairedResultText.SignificanceMarker : string.Empty)}",
                    Difference(score), PValue(score.BootstrapPValue, bootstrapMarked), PValue(score.RandomizationPValue, randomizationMarked)]);
            }

            text.Append("| ").AppendJoin(" | ", cells.Select(EscapeMarkdown)).Append(" |\n");
        }

        text.Append('\n').Append(EscapeMarkdown(Caption(comparison))).Append("\n\n");
        foreach (var metric in comparison.Metrics)
        {
            text.Append("- ").Append(EscapeMarkdown(metric.Name)).Append(": `").Append(metric.BootstrapSignature).Append("`, `")
                .Append(metric.RandomizationSignature).Append("`\n");
        }

        return text.ToString();
    }

    /// <summary>A <c>tabular</c> with booktabs rules (<c>\usepackage{booktabs}</c>); caption and signatures follow as comments.</summary>
    public static string Latex(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        var metrics = comparison.Metrics.Count;
        text.Append("% requires \\usepackage{booktabs}\n");
        text.Append("\\begin{tabular}{llrr").Append(string.Concat(Enumerable.Repeat("rrrr", metrics))).Append("}\n\\toprule\n");
        text.Append(" & & & ");
        foreach (var metric in comparison.Metrics)
        {
            text.Append(" & \\multicolumn{4}{c}{").Append(EscapeLatex(metric.Name)).Append('}');
        }

        text.Append(" \\\\\n");
        for (var m = 0; m < metrics; m++)
        {
            var first = 5 + (4 * m);
            text.Append(CultureInfo.InvariantCulture, $"\\cmidrule(lr){{{first}-{first + 3}}}");
        }

        text.Append('\n').Append("System & Run & Size & Seed");
        for (var m = 0; m < metrics; m++)
        {
            text.Append(" & Score ($\\mu \\pm$ 95\\% CI) & $\\Delta$ (95\\% CI) & $p_\\mathrm{bs}$ & $p_\\mathrm{ar}$");
        }

        text.Append(" \\\\\n\\midrule\n");
        foreach (var row in comparison.Rows)
        {
            text.Append(EscapeLatex(SystemName(row))).Append(" & ").Append(EscapeLatex(Run(row))).Append(" & ")
                .Append(EscapeLatex(Size(row))).Append(" & ").Append(Seed(row));
            for (var m = 0; m < row.Scores.Count; m++)
            {
                var score = row.Scores[m];
                var baseline = comparison.Baseline.Scores[m];
                var bootstrapMarked = IsMarked(score, baseline);
                var randomizationMarked = IsMarked(score.RandomizationPValue, score, baseline);
                text.Append(" & ").Append(Score(score)).Append(" (").Append(ScoreText.Format(score.Mean))
                    .Append(" $\\pm$ ").Append(ScoreText.Format(score.HalfWidth)).Append(')').Append(bootstrapMarked ? "$^{*}$" : string.Empty);
                text.Append(" & ").Append(score.Difference is null ? "--" : EscapeLatex(Difference(score)));
                text.Append(" & ").Append(LatexP(score.BootstrapPValue, bootstrapMarked)).Append(" & ").Append(LatexP(score.RandomizationPValue, randomizationMarked));
            }

            text.Append(" \\\\\n");
        }

        text.Append("\\bottomrule\n\\end{tabular}\n");
        text.Append("% ").Append(Caption(comparison)).Append('\n');
        foreach (var metric in comparison.Metrics)
        {
            text.Append("% ").Append(metric.Name).Append(": ").Append(metric.BootstrapSignature).Append('\n');
            text.Append("% ").Append(metric.Name).Append(": ").Append(metric.RandomizationSignature).Append('\n');
        }

        return text.ToString();
    }

    private static string Run(ComparisonRow row) => "#" + row.Run.RunId.ToString(CultureInfo.InvariantCulture);

    private static string Size(ComparisonRow row) => row.Run.TrainSize.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seed(ComparisonRow row) => row.Run.Seed.ToString(CultureInfo.InvariantCulture);

    private static string LatexP(double? pValue, bool marked) => pValue is { } p
        ? PairedResultText.PValue(p) + (marked && PairedResultText.IsSignificant(p) ? "$^{*}$" : string.Empty)
        : "--";

    private static string EscapeMarkdown(string text) => TableText.EscapeMarkdown(text);

    private static string EscapeLatex(string text) => TableText.EscapeLatex(text);
}
