using System.Globalization;
using System.Text;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// The strategy comparison as a paper table: one row per condition and, per size, three cells — BLEU (mean ± sd over n
/// seeds, then the mean steps and target tokens trained where the runs recorded them), Δ BLEU against the baseline with
/// its bootstrap and t intervals, and the gap closed (or why there is none).
/// The dashboard, Markdown (also what <c>regurgitate run</c> prints) and LaTeX (booktabs) share these cells and notes.
/// </summary>
public static class StrategyComparisonText
{
    public const string NoValue = "–";

    /// <summary>What the gap-closed cell says instead of a number when real data is not measurably better than the baseline.</summary>
    public const string RealNotBetter = "real not better at this size";

    /// <summary>Marks conditions whose training data does not change with the seed.</summary>
    public const string SameDataMark = "†";

    public const string SameDataNote = "Same training data for every seed (ordered selection, no real share): the spread over seeds is initialisation, batch order and dropout only.";

    /// <summary><c>15.52 ± 1.20 (n=4)</c>; <c>15.52 (n=1)</c> with one seed.</summary>
    public static string Bleu(StrategyComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var mean = ScoreText.Number(row.MeanBleu);
        return row.Seeds > 1
            ? $"{mean} ± {ScoreText.Format(row.SdBleu)} (n={row.Seeds})"
            : $"{mean} (n={row.Seeds})";
    }

    /// <summary><c>240 steps, 41.2k tokens</c>: the seeds' mean training budget; null when a seed did not record one.</summary>
    public static string? Budget(StrategyComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row is { Steps: { } steps, TargetTokens: { } tokens } ? TrainingBudgetText.Format(steps, tokens) : null;
    }

    /// <summary>
    /// Null when conditions of every size trained equally long on each seed; otherwise at which sizes they did not, the
    /// range of steps there, and that a matched budget would compare them at equal steps.
    /// </summary>
    public static string? UnequalStepsNotice(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.UnequalSteps.Count == 0)
        {
            return null;
        }

        var where = string.Join(", ", comparison.UnequalSteps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Size:N0} pairs ({s.Fewest:N0}–{s.Most:N0} steps)")));
        return $"Conditions trained for different numbers of steps on the same seed at {where}: "
            + "their BLEU differences mix training data with training length; \"budget\": \"matched-steps\" trains every condition for the all-real run's steps.";
    }

    /// <summary>
    /// <c>+2.31 [0.40, 4.12] t [−1.02, 5.60]</c>: the difference from the baseline, its bootstrap interval and, after t, its
    /// t-interval over seeds (<c>t –</c> with one seed); <see cref="NoValue"/> for the baseline itself.
    /// </summary>
    public static string Difference(StrategyComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Difference(row.Difference);
    }

    /// <inheritdoc cref="Difference(StrategyComparisonRow)"/>
    public static string Difference(PairedDifference? difference) => difference is null
        ? NoValue
        : $"{ScoreText.Signed(difference.Estimate)} {ScoreText.Interval(difference.Bootstrap)} t {(difference.StudentT is { } t ? ScoreText.Interval(t) : NoValue)}";

    /// <summary>
    /// <c>42% [18, 66]</c>; <see cref="RealNotBetter"/> when real − baseline does not lie above 0 in both its intervals;
    /// <see cref="NoValue"/> for real data, the baseline, or without real-data runs on shared seeds.
    /// </summary>
    public static string Gap(StrategyComparisonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Gap switch
        {
            { Share: { } share } => $"{Percent(share.Percent)}% [{Percent(share.Interval.Lower)}, {Percent(share.Interval.Upper)}]",
            not null => RealNotBetter,
            null => NoValue,
        };
    }

    /// <summary>The condition's name, with <see cref="SameDataMark"/> when its training data does not change with the seed.</summary>
    public static string Condition(StrategyComparison comparison, string condition)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return SameData(comparison, condition) ? $"{condition} {SameDataMark}" : condition;
    }

    public static bool SameData(StrategyComparison comparison, string condition)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Rows.Any(r => r.Condition == condition && r.SameTrainingDataEverySeed);
    }

    /// <summary>
    /// Null when every difference rests on at least <see cref="PairedDifference.MinimumSeeds"/> seeds; otherwise which
    /// sizes have fewer and that their intervals are not meaningful.
    /// </summary>
    public static string? FewSeedsNotice(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var sizes = comparison.Sizes.Where(size => comparison.Rows.Any(r => r.Size == size && r.Difference is { IntervalsMeaningful: false })).ToList();
        return sizes.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"Fewer than {PairedDifference.MinimumSeeds} seeds at {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} pairs: the intervals there are not meaningful.");
    }

    /// <summary>
    /// The notes a copy of the table carries below it: too few seeds, conditions trained for unequal steps, and the mark
    /// for conditions trained on the same data every seed.
    /// </summary>
    public static IReadOnlyList<string> Notices(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        List<string> notices = [];
        if (FewSeedsNotice(comparison) is { } fewSeeds)
        {
            notices.Add(fewSeeds);
        }

        if (UnequalStepsNotice(comparison) is { } unequalSteps)
        {
            notices.Add(unequalSteps);
        }

        if (comparison.Conditions.Any(c => SameData(comparison, c)))
        {
            notices.Add($"{SameDataMark} {SameDataNote}");
        }

        return notices;
    }

    public static string Caption(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var budget = comparison.Rows.Any(r => Budget(r) is not null) ? "; then the mean optimiser steps and target tokens those seeds trained for" : string.Empty;
        return $"Test BLEU: mean ± sd over n seeds{budget}. Δ BLEU: difference from the baseline '{comparison.BaselineCondition}', paired by seed "
            + $"(real − baseline on the real-data row), with 95% intervals from {comparison.Resamples:N0} hierarchical bootstrap resamples "
            + "(seeds, then test segments within each resampled seed, the same for every condition) and, after t, Student's t over the per-seed differences. "
            + "Gap closed: 100 · (strategy − baseline) / (real − baseline), given only where both intervals of real − baseline lie above 0, "
            + $"with its 95% interval from the same resamples. BLEU signature: {comparison.Signature}.";
    }

    public static string Markdown(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.Append("| Condition |");
        foreach (var size in comparison.Sizes)
        {
            text.Append(CultureInfo.InvariantCulture, $" BLEU @ {size:N0} | Δ BLEU @ {size:N0} | Gap closed @ {size:N0} |");
        }

        text.AppendLine();
        text.Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---:|---:|---:|", comparison.Sizes.Count)));
        foreach (var condition in comparison.Conditions)
        {
            text.Append("| ").Append(Escape(Condition(comparison, condition), markdown: true)).Append(" |");
            foreach (var cell in Cells(comparison, condition))
            {
                text.Append(' ').Append(Escape(cell, markdown: true)).Append(" |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        foreach (var notice in Notices(comparison))
        {
            text.AppendLine(notice).AppendLine();
        }

        return text.AppendLine(Caption(comparison)).ToString();
    }

    public static string Latex(StrategyComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine("\\begin{table}[t]").AppendLine("\\centering");
        text.Append("\\begin{tabular}{l").Append(string.Concat(Enumerable.Repeat("rrr", comparison.Sizes.Count))).AppendLine("}");
        text.AppendLine("\\toprule");
        text.Append("Condition");
        foreach (var size in comparison.Sizes)
        {
            text.Append(CultureInfo.InvariantCulture, $" & \\multicolumn{{3}}{{c}}{{{size:N0} pairs}}");
        }

        text.AppendLine(" \\\\");
        text.Append(string.Concat(comparison.Sizes.Select((_, i) => $"\\cmidrule(lr){{{2 + (3 * i)}-{4 + (3 * i)}}}"))).AppendLine();
        text.Append(' ').Append(string.Concat(comparison.Sizes.Select(_ => " & BLEU & " + Escape("Δ BLEU", markdown: false) + " & Gap closed"))).AppendLine(" \\\\");
        text.AppendLine("\\midrule");
        foreach (var condition in comparison.Conditions)
        {
            text.Append(Escape(Condition(comparison, condition), markdown: false));
            foreach (var cell in Cells(comparison, condition))
            {
                text.Append(" & ").Append(Escape(cell, markdown: false));
            }

            text.AppendLine(" \\\\");
        }

        text.AppendLine("\\bottomrule").AppendLine("\\end{tabular}");
        var caption = string.Join(' ', [Caption(comparison), .. Notices(comparison)]);
        text.Append("\\caption{").Append(Escape(caption, markdown: false)).AppendLine("}");
        return text.AppendLine("\\end{table}").ToString();
    }

    public static StrategyComparisonRow? Row(StrategyComparison comparison, string condition, int size)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.Rows.FirstOrDefault(r => r.Condition == condition && r.Size == size);
    }

    /// <summary>Per size: BLEU (with the training budget after a semicolon), Δ BLEU, gap closed.</summary>
    private static IEnumerable<string> Cells(StrategyComparison comparison, string condition) =>
        comparison.Sizes.Select(size => Row(comparison, condition, size)).SelectMany(row => row is null
            ? [NoValue, NoValue, NoValue]
            : new[] { Budget(row) is { } budget ? $"{Bleu(row)}; {budget}" : Bleu(row), Difference(row), Gap(row) });

    // Gap shares are percentages of a gap, not scores: whole percent, with a typographic minus and no sign on what rounds to zero.
    private static string Percent(double value)
    {
        var magnitude = SacreBleuText.Fixed(Math.Abs(value), 0);
        return value < 0 && magnitude != SacreBleuText.Fixed(0, 0) ? "−" + magnitude : magnitude;
    }

    private static string Escape(string text, bool markdown) => markdown ? TableText.EscapeMarkdown(text) : TableText.EscapeLatex(text);
}
