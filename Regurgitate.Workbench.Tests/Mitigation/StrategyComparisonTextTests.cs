using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Mitigation;

namespace Regurgitate.Workbench.Tests.Mitigation;

public sealed class StrategyComparisonTextTests
{
    private static readonly PairedDifference RealGap = new(6.0, new ConfidenceInterval(4.0, 8.0), new ConfidenceInterval(3.5, 8.5), 3);

    // One size, epochs budget: the real runs trained 240 steps on average, the synthetic baseline 318.
    private static readonly StrategyComparison Comparison = new(
        "real",
        "low",
        ["real", "low"],
        [1_000],
        [
            new("real", null, 1_000, 3, 10.0, 0.5, RealGap, null, false, 240, 41_234),
            new("low", "random", 1_000, 3, 4.0, 0.2, null, null, false, 318, 52_000),
        ],
        "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
        1000,
        [],
        [new StepSpread(1_000, 236, 320)]);

    [Fact]
    public void Markdown_and_latex_carry_the_steps_and_tokens_beside_bleu_and_the_unequal_steps_note()
    {
        var markdown = StrategyComparisonText.Markdown(Comparison);
        var latex = StrategyComparisonText.Latex(Comparison);

        Assert.Contains("| real | 10.00 ± 0.50 (n=3); 240 steps, 41.2k tokens | +6.00 [4.00, 8.00] t [3.50, 8.50] | – |", markdown, StringComparison.Ordinal);
        Assert.Contains("| low | 4.00 ± 0.20 (n=3); 318 steps, 52k tokens | – | – |", markdown, StringComparison.Ordinal);
        Assert.Contains("at 1,000 pairs (236–320 steps): their BLEU differences mix training data with training length", markdown, StringComparison.Ordinal);
        Assert.Contains("Test BLEU: mean ± sd over n seeds; then the mean optimiser steps and target tokens those seeds trained for.", markdown, StringComparison.Ordinal);

        Assert.Contains("low & 4.00 $\\pm$ 0.20 (n=3); 318 steps, 52k tokens & – & – \\\\", latex, StringComparison.Ordinal);
        Assert.Contains("(236–320 steps)", latex, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_recorded_budgets_or_unequal_steps_the_cells_and_caption_are_bleu_alone()
    {
        var plain = Comparison with
        {
            Rows = [.. Comparison.Rows.Select(r => r with { Steps = null, TargetTokens = null })],
            UnequalSteps = [],
        };

        var markdown = StrategyComparisonText.Markdown(plain);

        Assert.Contains("| low | 4.00 ± 0.20 (n=3) | – | – |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("steps", markdown, StringComparison.Ordinal);
        Assert.Null(StrategyComparisonText.UnequalStepsNotice(plain));
    }
}
