using Bunit;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Statistics;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Features.Mitigation;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Mitigation;

namespace Regurgitate.Web.Tests.Components.Mitigation;

public sealed class StrategyTableTests : DashboardTestContext
{
    private static PairedDifference Difference(double estimate, double lower, double upper, double tLower, double tUpper, int seeds) =>
        new(estimate, new ConfidenceInterval(lower, upper), new ConfidenceInterval(tLower, tUpper), seeds);

    // At 1,000 pairs real data is clearly better than the baseline (3 seeds); at 2,000 its interval includes 0 (2 seeds).
    private static readonly PairedDifference Gap1000 = Difference(6.0, 4.0, 8.0, 3.5, 8.5, 3);
    private static readonly PairedDifference Gap2000 = Difference(-0.3, -1.2, 0.6, -9.0, 8.4, 2);

    private static readonly StrategyComparison Comparison = new(
        "real",
        "low",
        ["real", "low", "low · quality", "low · detector"],
        [1_000, 2_000],
        [
            new("real", null, 1_000, 3, 10.0, 0.5, Gap1000, null, false),
            new("low", "random", 1_000, 3, 4.0, 0.2, null, null, false),
            new("low · quality", "quality", 1_000, 3, 7.0, 0.4, Difference(3.0, 1.0, 5.0, 0.5, 5.5, 3),
                new GapClosureResult(Difference(3.0, 1.0, 5.0, 0.5, 5.5, 3), Gap1000, new GapShare(50, new ConfidenceInterval(20, 80), 0)), true),
            new("low · detector", "detector", 1_000, 3, 3.5, 0.3, Difference(-0.5, -2.0, -0.1, -1.0, 0.2, 3),
                new GapClosureResult(Difference(-0.5, -2.0, -0.1, -1.0, 0.2, 3), Gap1000, new GapShare(-8.3, new ConfidenceInterval(-20, -1), 0)), false),
            new("real", null, 2_000, 2, 15.0, 0.9, Gap2000, null, false),
            new("low", "random", 2_000, 2, 15.3, 0.4, null, null, false),
            new("low · quality", "quality", 2_000, 2, 15.5, 0.2, Difference(0.2, -0.4, 0.9, -2.0, 2.4, 2),
                new GapClosureResult(Difference(0.2, -0.4, 0.9, -2.0, 2.4, 2), Gap2000, null), true),
        ],
        "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
        1000,
        ["Run 9 (low · detector, 2,000, seed 1) has no test translations; left out."],
        []);

    [Fact]
    public void Each_condition_shows_the_colour_it_has_on_the_experiments_charts()
    {
        var table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, Comparison));

        var swatches = table.FindAll("[data-testid=strategy-row]").Select(r => r.QuerySelector("[data-testid=strategy-swatch]")!.GetAttribute("style"));
        Assert.Equal(Comparison.Conditions.Select(c => $"background:{ConditionStyles.ColorOf(c, Comparison.Conditions)}"), swatches);
    }

    [Fact]
    public void Differences_come_first_and_a_share_only_where_real_data_is_measurably_better()
    {
        var table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, Comparison));

        var rows = table.FindAll("[data-testid=strategy-row]");
        Assert.Equal(["real", "low", "low · quality", "low · detector"], rows.Select(r => r.GetAttribute("data-condition")));
        var qualityDifferences = rows[2].QuerySelectorAll("[data-testid=strategy-difference]");
        var qualityGaps = rows[2].QuerySelectorAll("[data-testid=strategy-gap]");
        Assert.Equal("+3.00 [1.00, 5.00] t [0.50, 5.50]", qualityDifferences[0].TextContent);
        Assert.Contains("above", qualityDifferences[0].ClassName, StringComparison.Ordinal);
        Assert.Equal("50% [20, 80]", qualityGaps[0].TextContent);

        // 2,000 pairs: real − baseline's interval includes 0, so no percentage — not even a sign-flipped one.
        Assert.Equal("real not better at this size", qualityGaps[1].TextContent);
        Assert.DoesNotMatch("[0-9%]", qualityGaps[1].TextContent);
        Assert.Contains("no-gap", qualityGaps[1].ClassName, StringComparison.Ordinal);
        Assert.Equal("−0.30 [−1.20, 0.60] t [−9.00, 8.40]", rows[0].QuerySelectorAll("[data-testid=strategy-difference]")[1].TextContent);

        Assert.Contains("below", rows[3].QuerySelector("[data-testid=strategy-difference]")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("−8% [−20, −1]", rows[3].QuerySelector("[data-testid=strategy-gap]")!.TextContent);
        Assert.Equal("–", rows[1].QuerySelector("[data-testid=strategy-difference]")!.TextContent);
        Assert.Equal("7.00 ± 0.40 (n=3)", rows[2].QuerySelector("[data-testid=strategy-bleu]")!.TextContent);
        Assert.Equal("–", rows[3].QuerySelectorAll("[data-testid=strategy-bleu]")[1].TextContent);
        Assert.Single(table.FindAll("[data-testid=strategy-baseline-chip]"));
        Assert.Contains("version:2.6.0", table.Find("[data-testid=strategy-caption]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no test translations", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_seeds_and_the_same_training_data_for_every_seed_are_said_next_to_the_numbers()
    {
        var table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, Comparison));

        Assert.Equal("Fewer than 3 seeds at 2,000 pairs: the intervals there are not meaningful.", table.Find("[data-testid=strategy-few-seeds]").TextContent);
        Assert.Contains("few-seeds", table.FindAll("[data-testid=strategy-row]")[0].QuerySelectorAll("[data-testid=strategy-difference]")[1].ClassName, StringComparison.Ordinal);
        var chip = Assert.Single(table.FindAll("[data-testid=strategy-same-data-chip]"));
        Assert.Equal("low · quality", chip.Closest("tr")!.GetAttribute("data-condition"));
        Assert.StartsWith("low · quality †", chip.Closest("td")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("initialisation, batch order and dropout only", table.Find("[data-testid=strategy-same-data-note]").TextContent, StringComparison.Ordinal);

        // With three seeds everywhere and no ordered condition, neither notice appears.
        var plain = Comparison with
        {
            Sizes = [1_000],
            Rows = [.. Comparison.Rows.Where(r => r.Size == 1_000).Select(r => r with { SameTrainingDataEverySeed = false })],
        };
        table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, plain));
        Assert.Empty(table.FindAll("[data-testid=strategy-few-seeds]"));
        Assert.Empty(table.FindAll("[data-testid=strategy-same-data-chip]"));
        Assert.Empty(table.FindAll("[data-testid=strategy-same-data-note]"));
    }

    [Fact]
    public void Under_each_bleu_the_mean_steps_and_tokens_trained_and_a_warning_where_conditions_of_a_size_trained_unequal_steps()
    {
        // Epochs budget: at 1,000 pairs the real runs took 240 steps, the synthetic ones 318 (longer sentences, more batches).
        var budgeted = Comparison with
        {
            Rows = [.. Comparison.Rows.Select(r => r.Size == 1_000
                ? r with { Steps = r.Condition == "real" ? 240 : 318, TargetTokens = r.Condition == "real" ? 41_234 : 52_000 }
                : r)],
            UnequalSteps = [new StepSpread(1_000, 240, 318)],
        };

        var table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, budgeted));

        var rows = table.FindAll("[data-testid=strategy-row]");
        Assert.Equal("240 steps, 41.2k tokens", rows[0].QuerySelector("[data-testid=strategy-budget]")!.TextContent);
        Assert.Equal("318 steps, 52k tokens", rows[2].QuerySelector("[data-testid=strategy-budget]")!.TextContent);
        // 2,000 pairs recorded no budget: the BLEU cell holds the score alone.
        var bleu2000 = rows[0].QuerySelectorAll("[data-testid=strategy-bleu]")[1];
        Assert.Empty(bleu2000.QuerySelectorAll("[data-testid=strategy-budget]"));
        Assert.Equal("15.00 ± 0.90 (n=2)", bleu2000.TextContent);
        Assert.Equal(
            "Conditions trained for different numbers of steps on the same seed at 1,000 pairs (240–318 steps): their BLEU differences mix "
            + "training data with training length; \"budget\": \"matched-steps\" trains every condition for the all-real run's steps.",
            table.Find("[data-testid=strategy-unequal-steps]").TextContent);
        Assert.Contains("then the mean optimiser steps and target tokens", table.Find("[data-testid=strategy-caption]").TextContent, StringComparison.Ordinal);

        // Equal steps on every seed (a matched budget): the cells stay, the warning goes.
        table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, budgeted with { UnequalSteps = [] }));
        Assert.Equal(4, table.FindAll("[data-testid=strategy-budget]").Count);
        Assert.Empty(table.FindAll("[data-testid=strategy-unequal-steps]"));
    }

    [Fact]
    public void Copying_puts_the_latex_table_on_the_clipboard()
    {
        var table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, Comparison));

        table.Find("[data-testid=strategy-copy-latex]").Click();

        var copied = Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(StrategyComparisonText.Latex(Comparison), copied.Arguments[0]);
    }
}
