using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Comparison;

public sealed class ComparisonTableTextTests
{
    internal static RunComparison Sample(string otherCondition = "wmt22/GPT-4") => new(
        ComparisonOptions.Default,
        1000,
        [
            new ComparisonMetric("BLEU", "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0",
                "nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0",
                "nrefs:1|ar:10000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0"),
            new ComparisonMetric("chrF2", "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0",
                "nrefs:1|bs:1000|seed:12345|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0",
                "nrefs:1|ar:10000|seed:12345|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0"),
        ],
        [
            new ComparisonRow(new ComparedRun(3, "regurgitation", RunRole.Grid, "real", 29_000, 1), true, false,
                [new ComparisonScore(34.56, 34.51, 1.234, null, null), new ComparisonScore(55.1, 55.0, 0.9, null, null)]),
            new ComparisonRow(new ComparedRun(4, "regurgitation", RunRole.Grid, otherCondition, 29_000, 1), false, false,
                [new ComparisonScore(30.04, 30.1, 1.1, 0.000999, 0.0001), new ComparisonScore(54.9, 54.8, 0.8, 0.3217, 0.35)]),
        ]);

    [Fact]
    public void Cells_follow_sacrebleu()
    {
        var row = Sample().Rows[1];
        Assert.Equal("30.0", ComparisonTableText.Score(row.Scores[0]));
        Assert.Equal("30.1 ± 1.1", ComparisonTableText.Confidence(row.Scores[0]));
        Assert.Equal("0.0010*", ComparisonTableText.PValue(row.Scores[0].BootstrapPValue));
        Assert.Equal("0.3217", ComparisonTableText.PValue(row.Scores[1].BootstrapPValue));
        Assert.Equal("–", ComparisonTableText.PValue(null));
    }

    [Fact]
    public void Markdown_is_a_pipe_table_with_the_caption_and_the_tests_signatures()
    {
        var markdown = ComparisonTableText.Markdown(Sample("50% real | low"));

        var lines = markdown.Split('\n');
        Assert.Equal("| System | Run | Size | Seed | BLEU (μ ± 95% CI) | p (bs) | p (ar) | chrF2 (μ ± 95% CI) | p (bs) | p (ar) |", lines[0]);
        Assert.Equal("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|", lines[1]);
        Assert.Equal("| real (baseline) | #3 | 29,000 | 1 | 34.6 (34.5 ± 1.2) | – | – | 55.1 (55.0 ± 0.9) | – | – |", lines[2]);
        Assert.Equal(@"| 50% real \| low | #4 | 29,000 | 1 | 30.0 (30.1 ± 1.1)\* | 0.0010\* | 0.0001\* | 54.9 (54.8 ± 0.8) | 0.3217 | 0.3500 |", lines[3]);
        Assert.Contains("1,000 test sentences", markdown, StringComparison.Ordinal);
        Assert.Contains("- BLEU: `nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0`", markdown, StringComparison.Ordinal);
        Assert.Contains("`nrefs:1|ar:10000|seed:12345|", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Latex_is_a_booktabs_tabular_with_escaped_names()
    {
        var latex = ComparisonTableText.Latex(Sample("50% real & low_1"));

        Assert.Contains("\\begin{tabular}{llrrrrrrrr}", latex, StringComparison.Ordinal);
        Assert.Contains("\\toprule", latex, StringComparison.Ordinal);
        Assert.Contains("\\multicolumn{3}{c}{BLEU}", latex, StringComparison.Ordinal);
        Assert.Contains("\\cmidrule(lr){5-7}\\cmidrule(lr){8-10}", latex, StringComparison.Ordinal);
        Assert.Contains("\\midrule\nreal (baseline) & \\#3 & 29,000 & 1 & 34.6 (34.5 $\\pm$ 1.2) & -- & -- &", latex, StringComparison.Ordinal);
        Assert.Contains("50\\% real \\& low\\_1 & \\#4 & 29,000 & 1 & 30.0 (30.1 $\\pm$ 1.1)$^{*}$ & 0.0010$^{*}$ & 0.0001$^{*}$ & 54.9 (54.8 $\\pm$ 0.8) & 0.3217 & 0.3500 \\\\", latex, StringComparison.Ordinal);
        Assert.Contains("\\bottomrule\n\\end{tabular}\n", latex, StringComparison.Ordinal);
        Assert.Contains("% BLEU: nrefs:1|bs:1000|seed:12345|", latex, StringComparison.Ordinal);
    }
}
