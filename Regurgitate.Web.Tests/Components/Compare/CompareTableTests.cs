using Bunit;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Compare;

public sealed class CompareTableTests : DashboardTestContext
{
    [Fact]
    public void The_table_shows_each_system_with_scores_intervals_p_values_and_markers()
    {
        var table = Context.Render<CompareTable>(p => p.Add(c => c.Comparison, ComparisonSamples.Sample()));

        Assert.Equal(["BLEU", "chrF2"], table.FindAll("[data-testid=compare-metric]").Select(e => e.TextContent));
        var rows = table.FindAll("[data-testid=compare-row]");
        Assert.Equal(["3", "4"], rows.Select(r => r.GetAttribute("data-run")));

        var baseline = rows[0];
        Assert.Contains("real", baseline.TextContent, StringComparison.Ordinal);
        Assert.NotNull(baseline.QuerySelector("[data-testid=baseline-chip]"));
        Assert.Equal("/runs/3", baseline.QuerySelector("a")!.GetAttribute("href"));
        Assert.All(baseline.QuerySelectorAll("[data-testid=compare-p-bs], [data-testid=compare-p-ar]"), c => Assert.Equal("–", c.TextContent));
        Assert.Empty(baseline.QuerySelectorAll("[data-testid=significant]"));

        var other = rows[1];
        var scores = other.QuerySelectorAll("[data-testid=compare-score]");
        Assert.Contains("30.04", scores[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("(30.10 ± 1.10)", scores[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(scores[0].QuerySelector("[data-testid=significant]"));
        Assert.Contains("worse", scores[0].ClassName, StringComparison.Ordinal);
        Assert.Null(scores[1].QuerySelector("[data-testid=significant]"));
        Assert.Equal(["0.0010*", "0.3217"], other.QuerySelectorAll("[data-testid=compare-p-bs]").Select(c => c.TextContent));
        Assert.Equal(["0.0001*", "0.3500"], other.QuerySelectorAll("[data-testid=compare-p-ar]").Select(c => c.TextContent));
        Assert.Equal(["−4.52 [−5.30, −3.70]", "−0.20 [−0.90, 0.50]"], other.QuerySelectorAll("[data-testid=compare-difference]").Select(c => c.TextContent));
    }

    [Fact]
    public void Equal_shown_scores_get_no_marker_and_no_colour_however_small_p_is()
    {
        var table = Context.Render<CompareTable>(p => p.Add(c => c.Comparison, ComparisonSamples.EqualLooking()));

        var other = table.FindAll("[data-testid=compare-row]")[1];
        var score = other.QuerySelector("[data-testid=compare-score]")!;
        Assert.Contains("30.00", score.TextContent, StringComparison.Ordinal);
        Assert.Contains("30.00", table.FindAll("[data-testid=compare-row]")[0].QuerySelector("[data-testid=compare-score]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=significant]"));
        Assert.DoesNotContain("better", score.ClassName, StringComparison.Ordinal);
        Assert.Equal("0.0010", other.QuerySelector("[data-testid=compare-p-bs]")!.TextContent);
        Assert.Equal("0.00 [0.00, 0.01]", other.QuerySelector("[data-testid=compare-difference]")!.TextContent);
    }

    [Fact]
    public void Signatures_name_the_tests_and_the_caption_says_what_was_run()
    {
        var table = Context.Render<CompareTable>(p => p.Add(c => c.Comparison, ComparisonSamples.Sample()));

        var signatures = table.Find("[data-testid=compare-signatures]").TextContent;
        Assert.Contains("nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0", signatures, StringComparison.Ordinal);
        Assert.Contains("nrefs:1|ar:10000|seed:12345|case:mixed|eff:yes|nc:6", signatures, StringComparison.Ordinal);
        var caption = table.Find("[data-testid=compare-caption]").TextContent;
        Assert.Contains("1000 resampling trials", caption, StringComparison.Ordinal);
        Assert.Contains("10000 trials", caption, StringComparison.Ordinal);
        Assert.Contains("baseline #3", caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_buttons_put_the_latex_and_markdown_tables_on_the_clipboard()
    {
        var comparison = ComparisonSamples.Sample();
        var table = Context.Render<CompareTable>(p => p.Add(c => c.Comparison, comparison));

        table.Find("[data-testid=copy-markdown] ").Click();
        table.Find("[data-testid=copy-latex]").Click();

        var copied = Context.JSInterop.Invocations["navigator.clipboard.writeText"].Select(i => i.Arguments[0]).ToList();
        Assert.Equal([Workbench.Comparison.ComparisonTableText.Markdown(comparison), Workbench.Comparison.ComparisonTableText.Latex(comparison)], copied);
    }

    [Fact]
    public void System_names_are_text_not_markup()
    {
        var table = Context.Render<CompareTable>(p => p.Add(c => c.Comparison, ComparisonSamples.Sample("<script>alert(1)</script>")));

        Assert.Empty(table.FindAll("tbody script"));
        Assert.Contains("&lt;script&gt;", table.Markup, StringComparison.Ordinal);
    }
}
