using Bunit;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>
/// Opening a comparison draws its lines once; later data replace them with one more draw (Plotly.react in the page). The
/// lines' numbers travel as one binary block beside their styles, not inside the traces' JSON.
/// </summary>
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
        Assert.Empty(Calls("drawComparison"));

        chart.Render(p => p.Add(c => c.Data, Lines(1, 2)));

        var draw = Assert.Single(Calls("drawComparison"));
        using var traces = TracesOf(draw);
        Assert.Equal(["#1", "#2"], traces.RootElement.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces.RootElement.EnumerateArray(), t => Assert.False(t.TryGetProperty("y", out _), "a trace's numbers were sent as JSON"));
        var points = Assert.IsType<byte[]>(draw.Arguments[4]);
        var lines = Assert.IsType<IReadOnlyList<Regurgitate.Web.Features.Charts.PackedLine>>(draw.Arguments[5], exactMatch: false);
        Assert.Equal([2.0, 3.0, 4.0], Enumerable.Range(0, 3).Select(i => (double)BitConverter.ToSingle(points, lines[1].YOffset + (4 * i))));
        Assert.Empty(chart.FindAll("[data-testid=chart-placeholder]"));
    }

    [Fact]
    public void New_data_after_the_plot_exists_are_drawn_with_one_more_draw()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, Lines(1)));

        chart.Render(p => p.Add(c => c.Data, Lines(1, 2, 3)));

        Assert.Equal(2, Calls("drawComparison").Count());
        Assert.Equal(3, chart.Instance.DisplayedTraces.Count);
    }

    [Fact]
    public void Changing_the_axes_redraws_but_the_same_data_and_look_do_not()
    {
        var data = Lines(1);
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, data));

        chart.Render(p => p.Add(c => c.Data, data));
        chart.Render(p => p.Add(c => c.LogY, true));

        Assert.Equal(2, Calls("drawComparison").Count());
    }

    [Fact]
    public void Raw_lines_are_drawn_with_half_the_points_of_smoothed_ones_and_keep_their_spikes()
    {
        var x = Enumerable.Range(1, 5000).Select(i => (double)i).ToArray();
        var raw = x.Select(i => 2 + (i % 7 * 0.01) + (i == 3333 ? 5 : 0)).ToArray();
        var smoothed = Smoothing.Apply(raw, new SmoothingOptions(SmoothingKind.Ema, 0.9));
        var data = new ComparisonChartData(
            new SeriesQuery([1], "train/loss", SeriesAxis.Step, new SmoothingOptions(SmoothingKind.Ema, 0.9)),
            [
                new ChartTrace("#1", "1", RunColors.ForRun(1), ChartTraceKind.Raw, [1], x, raw),
                new ChartTrace("#1", "1", RunColors.ForRun(1), ChartTraceKind.Smoothed, [1], x, smoothed),
            ],
            []);

        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, data));

        var drawn = chart.Instance.DisplayedTraces;
        Assert.InRange(drawn[0].X.Length, 400, 500);
        Assert.InRange(drawn[1].X.Length, 900, 1000);
        Assert.Contains(3333.0, drawn[0].X);
        Assert.Equal(raw.Max(), drawn[0].Y.Max());
        Assert.Equal(5000, chart.Instance.Data!.Traces[0].X.Length);
    }
}
