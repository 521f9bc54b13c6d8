using Bunit;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components;

public sealed class MetricChartTests : DashboardTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<ChartSeries> Series =
    [
        new(MetricNames.DevBleu, "dev BLEU", "#1f77b4"),
        new(MetricNames.DevChrF, "dev chrF", "#2ca02c"),
    ];

    private IRenderedComponent<MetricChart> RenderChart(params MetricSample[] history) =>
        Context.Render<MetricChart>(p => p
            .Add(c => c.Title, "Dev evaluation")
            .Add(c => c.YAxisTitle, "Score")
            .Add(c => c.Series, Series)
            .Add(c => c.InitialPoints, history));

    [Fact]
    public void The_history_is_drawn_once_with_a_new_plot()
    {
        var chart = RenderChart(new MetricSample(20, MetricNames.DevBleu, 3.5, At), new MetricSample(20, MetricNames.DevChrF, 25, At), new MetricSample(20, MetricNames.TrainLoss, 4, At));

        Assert.Equal(2, chart.Instance.PointCount);
        Assert.Single(Calls("newPlot"));
        Assert.Empty(Calls("extendTraces"));
    }

    [Fact]
    public async Task New_points_are_appended_with_extend_traces_without_redrawing()
    {
        var chart = RenderChart(new MetricSample(20, MetricNames.DevBleu, 3.5, At));
        var rendersBefore = chart.RenderCount;

        await chart.InvokeAsync(() => chart.Instance.AppendAsync(
        [
            new(40, MetricNames.DevBleu, 6.0, At),
            new(40, MetricNames.DevChrF, 30.0, At),
            new(41, MetricNames.TrainLoss, 2.0, At),
        ]));

        Assert.Equal(3, chart.Instance.PointCount);
        var extend = Assert.Single(Calls("extendTraces"));
        Assert.Contains(extend.Arguments, a => a is int[] indices && indices.SequenceEqual([0, 1]));
        Assert.Single(Calls("newPlot"));
        Assert.Empty(Calls("react"));
        Assert.Equal(rendersBefore, chart.RenderCount);
    }

    [Fact]
    public async Task While_the_browser_draws_new_points_wait_and_go_in_one_call()
    {
        // A browser that draws slower than points arrive must not build a backlog of redraws: one call in flight.
        var drawing = Context.JSInterop.SetupVoid(i => i.Identifier.EndsWith("extendTraces", StringComparison.OrdinalIgnoreCase));
        var chart = RenderChart();

        var first = chart.InvokeAsync(() => chart.Instance.AppendAsync([new(20, MetricNames.DevBleu, 3.0, At)]));
        await chart.InvokeAsync(() => chart.Instance.AppendAsync([new(40, MetricNames.DevBleu, 4.0, At)]));
        await chart.InvokeAsync(() => chart.Instance.AppendAsync([new(60, MetricNames.DevBleu, 5.0, At), new(60, MetricNames.DevChrF, 30.0, At)]));
        Assert.Single(Calls("extendTraces"));

        drawing.SetVoidResult();
        await first;

        Assert.Equal(2, Calls("extendTraces").Count());
        var second = Calls("extendTraces").Last();
        Assert.Contains("[[40,60],[60]]", System.Text.Json.JsonSerializer.Serialize(second.Arguments), StringComparison.Ordinal);
        Assert.Equal(4, chart.Instance.PointCount);
    }

    [Fact]
    public async Task Points_of_other_curves_do_not_touch_the_plot()
    {
        var chart = RenderChart();

        await chart.InvokeAsync(() => chart.Instance.AppendAsync([new(1, MetricNames.TrainLoss, 9.0, At)]));

        Assert.Equal(0, chart.Instance.PointCount);
        Assert.Empty(Calls("extendTraces"));
    }

    [Fact]
    public void A_per_step_curve_is_drawn_as_a_line_without_markers_and_sparse_curves_keep_theirs()
    {
        Context.Render<MetricChart>(p => p
            .Add(c => c.Title, "Loss")
            .Add(c => c.YAxisTitle, "Cross-entropy")
            .Add(c => c.Series, [new ChartSeries(MetricNames.TrainLoss, "train loss", "#1f77b4", Markers: false), new ChartSeries(MetricNames.DevLoss, "dev loss", "#d62728")])
            .Add(c => c.InitialPoints, [new MetricSample(1, MetricNames.TrainLoss, 9, At), new MetricSample(1, MetricNames.DevLoss, 8, At)]));

        // What reaches Plotly: the traces as serialised for the newPlot call.
        using var traces = TracesOf(Assert.Single(Calls("newPlot")));
        var modes = traces.RootElement.EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("mode").GetString())).ToList();
        Assert.Equal([("train loss", "lines"), ("dev loss", "lines+markers")], modes);
    }
}
