using Bunit;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class LearningCurveChartTests : DashboardTestContext
{
    private static readonly IReadOnlyList<string> Order = ["real", "GPT-4", "ChatGPT"];

    // real: two seeds at 1,000 (20, 24) and one at 2,000 (30); GPT-4: 1,000 (10, 14); unfinished runs are left out.
    private static readonly ExperimentRunRow[] Rows =
    [
        Grid("real", 1_000, 1, RunStatus.Completed, 20),
        Grid("real", 1_000, 2, RunStatus.Completed, 24),
        Grid("real", 2_000, 1, RunStatus.Completed, 30),
        Grid("real", 2_000, 2, RunStatus.Running, lastStep: 40),
        Grid("GPT-4", 1_000, 1, RunStatus.Completed, 10),
        Grid("GPT-4", 1_000, 2, RunStatus.Completed, 14),
        Grid("ChatGPT", 1_000, 1, RunStatus.Failed),
    ];

    private IRenderedComponent<LearningCurveChart> RenderChart(IReadOnlyList<LearningCurveSeries> series, BandMode band = BandMode.Std) =>
        Context.Render<LearningCurveChart>(p => p
            .Add(c => c.Series, series)
            .Add(c => c.ConditionOrder, Order)
            .Add(c => c.Band, band));

    private static Scatter Trace(IRenderedComponent<LearningCurveChart> chart, string name) => chart.Instance.Traces.Single(t => t.Name == name);

    private static List<double> Ys(Scatter trace) => [.. trace.Y.Cast<double>()];

    [Fact]
    public void Each_condition_is_a_mean_line_over_seeds_with_a_standard_deviation_band()
    {
        var chart = RenderChart(LearningCurve.From(Rows));

        Assert.Equal(["real (low)", "real (±1 sd)", "real", "GPT-4 (low)", "GPT-4 (±1 sd)", "GPT-4"], chart.Instance.Traces.Select(t => t.Name));
        var real = Trace(chart, "real");
        // Drawn a hair left of the true sizes (two conditions: ∓½ offset); the hover text names the true size.
        Assert.All(real.X.Cast<double>().Zip([1_000.0, 2_000.0]), x => Assert.InRange(x.First / x.Second, 0.99, 0.999999));
        Assert.StartsWith("1,000 pairs, 2 seeds, sd 2.83, range 20.00–24.00", real.TextArray[0], StringComparison.Ordinal);
        Assert.Equal([22.0, 30.0], Ys(real));
        Assert.Equal(ModeFlag.Lines | ModeFlag.Markers, real.Mode);
        var sd = Math.Sqrt(8); // sample sd of 20 and 24
        Assert.Equal([22 - sd, 30.0], Ys(Trace(chart, "real (low)")), new Tolerance());
        Assert.Equal([22 + sd, 30.0], Ys(Trace(chart, "real (±1 sd)")), new Tolerance());
        Assert.Equal(FillEnum.ToNextY, Trace(chart, "real (±1 sd)").Fill);
        Assert.Equal([12.0], Ys(Trace(chart, "GPT-4")));
        Assert.All(chart.Instance.Traces.Where(t => t.Name!.Contains('(', StringComparison.Ordinal)), t => Assert.False(t.ShowLegend));
        Assert.Single(Calls("newPlot"));
    }

    [Fact]
    public void A_pretrained_models_score_is_a_dotted_line_across_the_chart_because_a_log_axis_has_no_size_0()
    {
        var chart = Context.Render<LearningCurveChart>(p => p
            .Add(c => c.Series, LearningCurve.From(Rows))
            .Add(c => c.ConditionOrder, Order)
            .Add(c => c.PretrainedScore, 7.25));

        using var layout = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(Calls("newPlot").Single().Arguments[2]));
        var shape = Assert.Single(layout.RootElement.GetProperty("shapes").EnumerateArray());
        Assert.Equal("paper", shape.GetProperty("xref").GetString());
        Assert.Equal(7.25, shape.GetProperty("y0").GetDouble());
        Assert.Equal(7.25, shape.GetProperty("y1").GetDouble());
        Assert.Equal("dot", shape.GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("pretrained, before fine-tuning: 7.25", shape.GetProperty("label").GetProperty("text").GetString());
    }

    [Fact]
    public void Without_a_pretrained_model_no_line_is_drawn()
    {
        RenderChart(LearningCurve.From(Rows));

        using var layout = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(Calls("newPlot").Single().Arguments[2]));
        Assert.True(!layout.RootElement.TryGetProperty("shapes", out var shapes) || shapes.GetArrayLength() == 0);
    }

    [Fact]
    public void The_min_max_band_spans_the_seeds()
    {
        var chart = RenderChart(LearningCurve.From(Rows), BandMode.Range);

        Assert.Equal([20.0, 30.0], Ys(Trace(chart, "real (low)")));
        Assert.Equal([24.0, 30.0], Ys(Trace(chart, "real (min–max)")));
    }

    [Fact]
    public void Without_a_band_only_the_means_are_drawn()
    {
        var chart = RenderChart(LearningCurve.From(Rows), BandMode.None);

        Assert.Equal(["real", "GPT-4"], chart.Instance.Traces.Select(t => t.Name));
    }

    [Fact]
    public void Colours_follow_the_grid_order_not_the_order_runs_finish_in()
    {
        var onlyChatGpt = LearningCurve.From([Grid("ChatGPT", 1_000, 1, RunStatus.Completed, 9)]);
        var both = LearningCurve.From([Grid("ChatGPT", 1_000, 1, RunStatus.Completed, 9), Grid("GPT-4", 1_000, 1, RunStatus.Completed, 11)]);

        var first = LearningCurveChart.BuildTraces(onlyChatGpt, Order, BandMode.None, dark: false).Single(t => t.Name == "ChatGPT").Line.Color;
        var later = LearningCurveChart.BuildTraces(both, Order, BandMode.None, dark: false).Single(t => t.Name == "ChatGPT").Line.Color;

        Assert.Equal(first, later);
        Assert.NotEqual(later, LearningCurveChart.BuildTraces(both, Order, BandMode.None, dark: false).Single(t => t.Name == "GPT-4").Line.Color);
        Assert.Equal(ConditionPalette.RealColor(dark: false), LearningCurveChart.BuildTraces(LearningCurve.From(Rows), Order, BandMode.None, false)[0].Line.Color);
    }

    [Fact]
    public void Conditions_with_equal_values_differ_in_marker_dash_and_position_and_keep_their_colour()
    {
        // GPT-4 and ChatGPT scored exactly the same at both sizes: on main their lines lay on top of each other.
        var equal = LearningCurve.From(
        [
            Grid("GPT-4", 1_000, 1, RunStatus.Completed, 12), Grid("GPT-4", 2_000, 1, RunStatus.Completed, 18),
            Grid("ChatGPT", 1_000, 1, RunStatus.Completed, 12), Grid("ChatGPT", 2_000, 1, RunStatus.Completed, 18),
        ]);

        var traces = LearningCurveChart.BuildTraces(equal, Order, BandMode.None, dark: false, logX: true);
        var (gpt4, chatGpt) = (traces.Single(t => t.Name == "GPT-4"), traces.Single(t => t.Name == "ChatGPT"));

        Assert.Equal(Ys(gpt4), Ys(chatGpt));
        Assert.NotEqual(gpt4.Marker.Symbol, chatGpt.Marker.Symbol);
        Assert.NotEqual(gpt4.Line.Dash, chatGpt.Line.Dash);
        Assert.All(gpt4.X.Cast<double>().Zip(chatGpt.X.Cast<double>()), x => Assert.True(x.First < x.Second, $"{x.First} is not left of {x.Second}"));
        Assert.Equal(ConditionStyles.ColorOf("GPT-4", Order), gpt4.Line.Color);
        Assert.Equal(ConditionStyles.ColorOf("ChatGPT", Order), chatGpt.Line.Color);
    }

    [Fact]
    public void The_plot_is_redrawn_only_when_a_curve_changes()
    {
        var chart = RenderChart(LearningCurve.From(Rows));

        chart.Render(p => p.Add(c => c.Series, LearningCurve.From(Rows)));
        Assert.Equal(0, chart.Instance.Redraws);

        chart.Render(p => p.Add(c => c.Series, LearningCurve.From([.. Rows, Grid("real", 2_000, 2, RunStatus.Completed, 32)])));
        Assert.Equal(1, chart.Instance.Redraws);
        Assert.Equal([22.0, 31.0], Ys(Trace(chart, "real")));
        Assert.Single(Calls("react"));
    }

    [Fact]
    public void An_empty_experiment_says_the_curve_will_fill_in()
    {
        var chart = RenderChart([]);

        Assert.NotNull(chart.Find("[data-testid=learning-curve-empty]"));
        Assert.Empty(chart.Instance.Traces);
    }


    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
