using Bunit;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Web.Features.Strategies;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Strategies;

namespace Regurgitate.Web.Tests.Components.Strategies;

public sealed class StrategyTableTests : DashboardTestContext
{
    private static readonly StrategyComparison Comparison = new(
        "real",
        "low",
        ["real", "low", "low · quality", "low · detector"],
        [1_000, 2_000],
        [
            new("real", null, 1_000, 2, 10.0, 0.5, null),
            new("low", "random", 1_000, 2, 4.0, 0.2, null),
            new("low · quality", "quality", 1_000, 2, 7.0, 0.4, new GapClosureResult(10, 4, 7, 50, 20, 80, 1000, 2)),
            new("low · detector", "detector", 1_000, 2, 3.5, 0.3, new GapClosureResult(10, 4, 3.5, -8.3, -20, -1, 1000, 2)),
            new("real", null, 2_000, 1, 15.0, 0, null),
        ],
        "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
        1000,
        ["Run 9 (low, 2,000, seed 1) has no test translations; left out."]);

    [Fact]
    public void Every_condition_shows_bleu_and_gap_per_size_and_colours_intervals_clear_of_zero()
    {
        var table = Context.Render<StrategyTable>(p => p.Add(c => c.Comparison, Comparison));

        var rows = table.FindAll("[data-testid=strategy-row]");
        Assert.Equal(["real", "low", "low · quality", "low · detector"], rows.Select(r => r.GetAttribute("data-condition")));
        var quality = rows[2].QuerySelectorAll("[data-testid=strategy-gap]");
        Assert.Equal("50% [20, 80]", quality[0].TextContent);
        Assert.Contains("closes", quality[0].ClassName, StringComparison.Ordinal);
        Assert.Equal("–", quality[1].TextContent);
        Assert.Contains("widens", rows[3].QuerySelector("[data-testid=strategy-gap]")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("7.0 ± 0.4", rows[2].QuerySelector("[data-testid=strategy-bleu]")!.TextContent);
        Assert.Equal("15.0", rows[0].QuerySelectorAll("[data-testid=strategy-bleu]")[1].TextContent);
        Assert.Single(table.FindAll("[data-testid=strategy-baseline-chip]"));
        Assert.Contains("version:2.6.0", table.Find("[data-testid=strategy-caption]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no test translations", table.Markup, StringComparison.Ordinal);
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
