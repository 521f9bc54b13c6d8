using System.Text.Json;
using Bunit;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>
/// The comparison chart's legend is the page's own buttons, not Plotly's (whose label measuring was a third of the
/// first draw): one per line, in its colour; pressing one hides the line with its raw curve, keeps it hidden through
/// redraws and leaves it out of the exported figure.
/// </summary>
public sealed class ComparisonLegendTests : DashboardTestContext
{
    private static ComparisonChartData RawAndSmoothed(params int[] runIds) => new(
        new SeriesQuery(runIds, "train/loss", SeriesAxis.Step, new SmoothingOptions(SmoothingKind.Ema, 0.5)),
        [.. runIds.SelectMany(id => new[]
        {
            new ChartTrace($"#{id} raw", $"{id}", RunColors.ForRun(id), ChartTraceKind.Raw, [id], [1, 2, 3], [id, id + 1.0, id + 2.0]),
            new ChartTrace($"#{id}", $"{id}", RunColors.ForRun(id), ChartTraceKind.Smoothed, [id], [1, 2, 3], [id, id + 0.5, id + 1.0]),
        })],
        []);

    [Fact]
    public void Each_line_has_one_entry_in_its_colour_and_Plotly_draws_no_legend()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, RawAndSmoothed(1, 2)));

        var entries = chart.FindAll("[data-testid=legend-entry]");
        Assert.Equal(["#1", "#2"], entries.Select(e => e.TextContent.Trim()));
        Assert.All(entries, e => Assert.Equal("true", e.GetAttribute("aria-pressed")));
        Assert.Contains(RunColors.ForRun(2), entries[1].QuerySelector(".comparison-legend-swatch")!.GetAttribute("style"), StringComparison.OrdinalIgnoreCase);
        var draw = Assert.Single(Calls("drawComparison"));
        using var layout = JsonDocument.Parse(JsonSerializer.Serialize(draw.Arguments[2]));
        Assert.False(layout.RootElement.GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void A_pressed_entry_hides_its_line_in_the_plot_through_redraws_and_in_the_figure_until_pressed_again()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, RawAndSmoothed(1, 2)));

        chart.Find("[data-testid=legend-entry][data-key='1']").Click();

        var hide = Assert.Single(Calls("setComparisonLineVisible"));
        Assert.Equal([chart.Instance.ChartId, "1", false], hide.Arguments);
        Assert.Equal("false", chart.Find("[data-testid=legend-entry][data-key='1']").GetAttribute("aria-pressed"));
        Assert.Equal(["#2 raw", "#2"], chart.Instance.ToFigure()!.Series.Select(s => s.Name));

        chart.Render(p => p.Add(c => c.Data, RawAndSmoothed(1, 2, 3)));
        using var traces = TracesOf(Calls("drawComparison").Last());
        Assert.Equal(
            [("1", false), ("1", false), ("2", true), ("2", true), ("3", true), ("3", true)],
            traces.RootElement.EnumerateArray().Select(t => (t.GetProperty("legendgroup").GetString(), t.GetProperty("visible").GetBoolean())));

        chart.Find("[data-testid=legend-entry][data-key='1']").Click();
        Assert.Equal([chart.Instance.ChartId, "1", true], Calls("setComparisonLineVisible").Last().Arguments);
        Assert.Equal("true", chart.Find("[data-testid=legend-entry][data-key='1']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void With_every_line_hidden_there_is_no_figure_to_export()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, RawAndSmoothed(1)));
        Assert.False(chart.Find("[data-testid=export-figure]").HasAttribute("disabled"));

        chart.Find("[data-testid=legend-entry]").Click();

        Assert.Null(chart.Instance.ToFigure());
        Assert.True(chart.Find("[data-testid=export-figure]").HasAttribute("disabled"));
    }
}
