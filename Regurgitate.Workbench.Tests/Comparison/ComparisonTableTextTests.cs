using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Comparison;

public sealed class ComparisonTableTextTests
{
    [Fact]
    public void Cells_have_two_decimals_and_the_difference_beside_p()
    {
        var row = ComparisonSamples.Sample().Rows[1];
        Assert.Equal("30.04", ComparisonTableText.Score(row.Scores[0]));
        Assert.Equal("30.10 ± 1.10", ComparisonTableText.Confidence(row.Scores[0]));
        Assert.Equal("−4.52 [−5.30, −3.70]", ComparisonTableText.Difference(row.Scores[0]));
        Assert.Equal("–", ComparisonTableText.Difference(ComparisonSamples.Sample().Rows[0].Scores[0]));
        Assert.Equal("0.0010*", ComparisonTableText.PValue(row.Scores[0].BootstrapPValue, marked: true));
        Assert.Equal("0.3217", ComparisonTableText.PValue(row.Scores[1].BootstrapPValue, marked: true));
        Assert.Equal("–", ComparisonTableText.PValue(null, marked: false));
    }

    [Fact]
    public void Equal_shown_scores_never_carry_a_significance_marker_whatever_p_says()
    {
        var comparison = ComparisonSamples.EqualLooking();
        var (baseline, other) = (comparison.Rows[0].Scores[0], comparison.Rows[1].Scores[0]);

        Assert.Equal(ComparisonTableText.Score(baseline), ComparisonTableText.Score(other));
        Assert.False(ComparisonTableText.IsMarked(other, baseline));
        Assert.Equal("0.0010", ComparisonTableText.PValue(other.BootstrapPValue, ComparisonTableText.IsMarked(other, baseline)));
        var markdown = ComparisonTableText.Markdown(comparison);
        var latex = ComparisonTableText.Latex(comparison);
        Assert.Contains("| low | #4 | 29,000 | 1 | 30.00 (30.00 ± 1.10) | 0.00 [0.00, 0.01] | 0.0010 | 0.0020 |", markdown, StringComparison.Ordinal);
        Assert.All(markdown.Split('\n').Where(l => l.StartsWith("| low", StringComparison.Ordinal)), l => Assert.DoesNotContain("\\*", l, StringComparison.Ordinal));
        Assert.DoesNotContain("$^{*}$", latex, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_one_decimal_would_merge_are_told_apart()
    {
        var comparison = ComparisonSamples.EqualLooking() with
        {
            Rows =
            [
                ComparisonSamples.EqualLooking().Rows[0] with { Scores = [new ComparisonScore(30.01, 30.0, 1.1, null, null)] },
                ComparisonSamples.EqualLooking().Rows[1] with { Scores = [new ComparisonScore(30.04, 30.0, 1.1, 0.001, 0.002, 0.03, new ConfidenceInterval(0.01, 0.05))] },
            ],
        };
        var (baseline, other) = (comparison.Rows[0].Scores[0], comparison.Rows[1].Scores[0]);

        Assert.Equal("30.01", ComparisonTableText.Score(baseline));
        Assert.Equal("30.04", ComparisonTableText.Score(other));
        Assert.True(ComparisonTableText.IsMarked(other, baseline));
        Assert.Contains("30.04 (30.00 ± 1.10)\\* | +0.03 [0.01, 0.05] | 0.0010\\* | 0.0020\\* |", ComparisonTableText.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_is_a_pipe_table_with_the_caption_and_the_tests_signatures()
    {
        var markdown = ComparisonTableText.Markdown(ComparisonSamples.Sample("50% real | low"));

        var lines = markdown.Split('\n');
        Assert.Equal("| System | Run | Size | Seed | BLEU (μ ± 95% CI) | Δ (95% CI) | p (bs) | p (ar) | chrF2 (μ ± 95% CI) | Δ (95% CI) | p (bs) | p (ar) |", lines[0]);
        Assert.Equal("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", lines[1]);
        Assert.Equal("| real (baseline) | #3 | 29,000 | 1 | 34.56 (34.51 ± 1.23) | – | – | – | 55.10 (55.00 ± 0.90) | – | – | – |", lines[2]);
        Assert.Equal(@"| 50% real \| low | #4 | 29,000 | 1 | 30.04 (30.10 ± 1.10)\* | −4.52 [−5.30, −3.70] | 0.0010\* | 0.0001\* | 54.90 (54.80 ± 0.80) | −0.20 [−0.90, 0.50] | 0.3217 | 0.3500 |", lines[3]);
        Assert.Contains("1,000 test sentences", markdown, StringComparison.Ordinal);
        Assert.Contains("- BLEU: `nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0`", markdown, StringComparison.Ordinal);
        Assert.Contains("`nrefs:1|ar:10000|seed:12345|", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Latex_is_a_booktabs_tabular_with_escaped_names()
    {
        var latex = ComparisonTableText.Latex(ComparisonSamples.Sample("50% real & low_1"));

        Assert.Contains("\\begin{tabular}{llrrrrrrrrrr}", latex, StringComparison.Ordinal);
        Assert.Contains("\\toprule", latex, StringComparison.Ordinal);
        Assert.Contains("\\multicolumn{4}{c}{BLEU}", latex, StringComparison.Ordinal);
        Assert.Contains("\\cmidrule(lr){5-8}\\cmidrule(lr){9-12}", latex, StringComparison.Ordinal);
        Assert.Contains("\\midrule\nreal (baseline) & \\#3 & 29,000 & 1 & 34.56 (34.51 $\\pm$ 1.23) & -- & -- & -- &", latex, StringComparison.Ordinal);
        Assert.Contains("50\\% real \\& low\\_1 & \\#4 & 29,000 & 1 & 30.04 (30.10 $\\pm$ 1.10)$^{*}$ & $-$4.52 [$-$5.30, $-$3.70] & 0.0010$^{*}$ & 0.0001$^{*}$ & 54.90 (54.80 $\\pm$ 0.80) & $-$0.20 [$-$0.90, 0.50] & 0.3217 & 0.3500 \\\\", latex, StringComparison.Ordinal);
        Assert.Contains("\\bottomrule\n\\end{tabular}\n", latex, StringComparison.Ordinal);
        Assert.Contains("% BLEU: nrefs:1|bs:1000|seed:12345|", latex, StringComparison.Ordinal);
    }
}
