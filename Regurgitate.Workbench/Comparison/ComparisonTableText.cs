using System.Globalization;
using System.Text;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// A comparison as a paper-style table: per system its size and seed, then per metric the corpus score with the
/// bootstrap mean ± 95% half-width, and the p-values of the paired bootstrap and of approximate randomization against
/// the baseline (asterisk below 0.05); below the table, the tests and the signatures. Cells are shared by the dashboard,
/// Markdown and LaTeX (booktabs) so that all three show the same numbers.
/// </summary>
public static class ComparisonTableText
{
    /// <summary>sacreBLEU's default number of decimals for scores.</summary>
    public const int DefaultDigits = 1;

    /// <summary>What a missing p-value (the baseline's) is shown as.</summary>
    public const string NoValue = "–";

    public static string Score(ComparisonScore score, int digits = DefaultDigits)
    {
        ArgumentNullException.ThrowIfNull(score);
        return SacreBleuText.Fixed(score.Score, digits);
    }

    /// <summary><c>35.4 ± 1.2</c>.</summary>
    public static string Confidence(ComparisonScore score, int digits = DefaultDigits)
    {
        ArgumentNullException.ThrowIfNull(score);
        return PairedResultText.Confidence(score.Mean, score.HalfWidth, digits);
    }

    /// <summary><c>0.0010*</c>, or <see cref="NoValue"/> for the baseline.</summary>
    public static string PValue(double? pValue) =>
        pValue is { } p ? PairedResultText.PValue(p) + PairedResultText.Marker(p) : NoValue;

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
            $"{PairedResultText.SignificanceMarker} p < {PairedResultText.SignificanceLevel.ToString(CultureInfo.InvariantCulture)}.");
    }

    public static string SystemName(ComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsBaseline ? $"{row.Run.Name} (baseline)" : row.Run.Name;
    }

    public static string Markdown(RunComparison comparison, int digits = DefaultDigits)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        var header = new List<string> { "System", "Run", "Size", "Seed" };
        foreach (var metric in comparison.Metrics)
        {
            header.AddRange([$"{metric.Name} (μ ± 95% CI)", "p (bs)", "p (ar)"]);
        }

        text.Append("| ").AppendJoin(" | ", header.Select(EscapeMarkdown)).Append(" |\n");
        text.Append('|').AppendJoin('|', header.Select((_, i) => i < 2 ? "---" : "---:")).Append("|\n");
        foreach (var row in comparison.Rows)
        {
            var cells = new List<string> { SystemName(row), Run(row), Size(row), Seed(row) };
            foreach (var score in row.Scores)
            {
                cells.AddRange([$"{Score(score, digits)} ({Confidence(score, digits)}){PairedResultText.Marker(score.BootstrapPValue)}",
                    PValue(score.BootstrapPValue), PValue(score.RandomizationPValue)]);
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
    public static string Latex(RunComparison comparison, int digits = DefaultDigits)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        var metrics = comparison.Metrics.Count;
        text.Append("% requires \\usepackage{booktabs}\n");
        text.Append("\\begin{tabular}{llrr").Append(string.Concat(Enumerable.Repeat("rrr", metrics))).Append("}\n\\toprule\n");
        text.Append(" & & & ");
        foreach (var metric in comparison.Metrics)
        {
            text.Append(" & \\multicolumn{3}{c}{").Append(EscapeLatex(metric.Name)).Append('}');
        }

        text.Append(" \\\\\n");
        for (var m = 0; m < metrics; m++)
        {
            var first = 5 + (3 * m);
            text.Append(CultureInfo.InvariantCulture, $"\\cmidrule(lr){{{first}-{first + 2}}}");
        }

        text.Append('\n').Append("System & Run & Size & Seed");
        for (var m = 0; m < metrics; m++)
        {
            text.Append(" & Score ($\\mu \\pm$ 95\\% CI) & $p_\\mathrm{bs}$ & $p_\\mathrm{ar}$");
        }

        text.Append(" \\\\\n\\midrule\n");
        foreach (var row in comparison.Rows)
        {
            text.Append(EscapeLatex(SystemName(row))).Append(" & ").Append(EscapeLatex(Run(row))).Append(" & ")
                .Append(EscapeLatex(Size(row))).Append(" & ").Append(Seed(row));
            foreach (var score in row.Scores)
            {
                var marker = score.IsSignificant ? "$^{*}$" : string.Empty;
                text.Append(" & ").Append(Score(score, digits)).Append(" (").Append(SacreBleuText.Fixed(score.Mean, digits))
                    .Append(" $\\pm$ ").Append(SacreBleuText.Fixed(score.HalfWidth, digits)).Append(')').Append(marker);
                text.Append(" & ").Append(LatexP(score.BootstrapPValue)).Append(" & ").Append(LatexP(score.RandomizationPValue));
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

    private static string LatexP(double? pValue) => pValue is { } p
        ? PairedResultText.PValue(p) + (PairedResultText.IsSignificant(p) ? "$^{*}$" : string.Empty)
        : "--";

    private static string EscapeMarkdown(string text) => TableText.EscapeMarkdown(text);

    private static string EscapeLatex(string text) => TableText.EscapeLatex(text);
}
