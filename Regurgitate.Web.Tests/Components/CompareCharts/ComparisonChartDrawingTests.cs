using Bunit;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>Opening a comparison draws its lines once; later data replace them with one React, never a new plot.</summary>
public sealed class ComparisonChartDrawingTests : DashboardTestContext
{
    private static ComparisonChartData Lines(params int[] runIds) => new(
        new SeriesQuery(runIds, "train/loss", SeriesAxis.Step, SmoothingOptions.None),
        [.. runIds.Select(id => new ChartTrace($"#{id}", $"{id}", RunColors.ForRun(id), ChartTraceKind.Smoothed, [id], [1, 2, 3], [id, id + 1.0, id + 2.0]))],
        []);

    [Fact]
    public void While_loading_there_is_no_plot_and_the_first_data_create_it_with_every_line()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, null));

        chart.Find("[data-testid=chart-placeholder]");
        Assert.Empty(Calls("newPlot"));

        chart.Render(p => p.Add(c => c.Data, Lines(1, 2)));

        var newPlot = Assert.Single(Calls("newPlot"));
        using var traces = TracesOf(newPlot);
        Assert.Equal(["#1", "#2"], traces.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Empty(Calls("react"));
        Assert.Empty(chart.FindAll("[data-testid=chart-placeholder]"));
    }

    [Fact]
    public void New_data_after_the_plot_exists_are_drawn_with_one_react()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, Lines(1)));

        chart.Render(p => p.Add(c => c.Data, Lines(1, 2, 3)));

        Assert.Single(Calls("newPlot"));
        Assert.Single(Calls("react"));
        Assert.Equal(3, chart.Instance.DisplayedTraces.Count);
    }
}
