using System.Globalization;
using System.Text;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Strategies;

/// <summary>
/// The strategy comparison as a paper table: one row per condition, per size its mean BLEU ± sd over seeds and the gap
/// closed with its 95 % interval. The dashboard, Markdown and LaTeX (booktabs) share these cells.
/// </summary>
public static class StrategyComparisonText
{
    public const string NoValue = "–";

    public static string Bleu(StrategyComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Seeds > 1
            ? $"{SacreBleuText.Fixed(row.MeanBleu, 1)} ± {SacreBleuText.Fixed(row.SdBleu, 1)}"
            : SacreBleuText.Fixed(row.MeanBleu, 1);
    }

    /// <summary><c>42 % [18, 66]</c>; <see cref="NoValue"/> for real data, the baseline, or when real data is no better than the baseline.</summary>
    public static string Gap(StrategyComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Gap is { } gap && double.IsFinite(gap.GapClosedPercent)
            ? string.Create(CultureInfo.InvariantCulture, $"{gap.GapClosedPercent:0}% [{gap.Lower:0}, {gap.Upper:0}]")
            : NoValue;
    }

    public static string Caption(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return $"Test BLEU (mean ± sd over seeds) and share of the gap between '{comparison.BaselineCondition}' and real data closed, "
            + $"with 95% intervals from {comparison.Resamples:N0} bootstrap resamples of seeds and test segments. BLEU signature: {comparison.Signature}.";
    }

    public static string Markdown(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.Append("| Condition |");
        foreach (var size in comparison.Sizes)
        {
            text.Append(CultureInfo.InvariantCulture, $" BLEU @ {size:N0} | Gap closed @ {size:N0} |");
        }

        text.AppendLine();
        text.Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---:|---:|", comparison.Sizes.Count)));
        foreach (var condition in comparison.Conditions)
        {
            text.Append("| ").Append(Escape(condition, markdown: true)).Append(" |");
            foreach (var size in comparison.Sizes)
            {
                var row = Row(comparison, condition, size);
                text.Append(' ').Append(row is null ? NoValue : Bleu(row)).Append(" | ").Append(row is null ? NoValue : Gap(row)).Append(" |");
            }

            text.AppendLine();
        }

        return text.AppendLine().AppendLine(Caption(comparison)).ToString();
    }

    public static string Latex(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine("\\begin{table}[t]").AppendLine("\\centering");
        text.Append("\\begin{tabular}{l").Append(string.Concat(Enumerable.Repeat("rr", comparison.Sizes.Count))).AppendLine("}");
        text.AppendLine("\\toprule");
        text.Append("Condition");
        foreach (var size in comparison.Sizes)
        {
            text.Append(CultureInfo.InvariantCulture, $" & \\multicolumn{{2}}{{c}}{{{size:N0} pairs}}");
        }

        text.AppendLine(" \\\\");
        text.Append(string.Concat(comparison.Sizes.Select((_, i) => $"\\cmidrule(lr){{{2 + (2 * i)}-{3 + (2 * i)}}}"))).AppendLine();
        text.Append(' ').Append(string.Concat(comparison.Sizes.Select(_ => " & BLEU & Gap closed"))).AppendLine(" \\\\");
        text.AppendLine("\\midrule");
        foreach (var condition in comparison.Conditions)
        {
            text.Append(Escape(condition, markdown: false));
            foreach (var size in comparison.Sizes)
            {
                var row = Row(comparison, condition, size);
                text.Append(" & ").Append(row is null ? NoValue : Escape(Bleu(row), markdown: false))
                    .Append(" & ").Append(row is null ? NoValue : Escape(Gap(row), markdown: false));
            }

            text.AppendLine(" \\\\");
        }

        text.AppendLine("\\bottomrule").AppendLine("\\end{tabular}");
        text.Append("\\caption{").Append(Escape(Caption(comparison), markdown: false)).AppendLine("}");
        return text.AppendLine("\\end{table}").ToString();
    }

    public static StrategyComparisonRow? Row(StrategyComparison comparison, string condition, int size)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Rows.FirstOrDefault(r => r.Condition == condition && r.Size == size);
    }

    private static string Escape(string text, bool markdown) => markdown ? TableText.EscapeMarkdown(text) : TableText.EscapeLatex(text);
}
