using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Components.Figures;

public sealed class FigureCsvAndSpecsTests
{
    [Fact]
    public void The_CSV_has_one_row_per_point_with_band_columns_and_raw_series_named_as_such()
    {
        var lines = FigureCsv.Build(FigureSamples.LearningCurves()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("series,x,y,lower,upper", lines[0]);
        Assert.Equal(16, lines.Length);
        Assert.Equal("real,1000,8.1,7.6,8.6", lines[1]);
        Assert.Equal("GPT-4,1000,7,,", lines[6]);
        Assert.Equal("GPT-4 (raw),1000,6.2,,", lines[11]);
    }

    [Fact]
    public void The_learning_curve_CSV_carries_each_points_mean_steps_and_target_tokens_and_leaves_them_empty_where_none_were_recorded()
    {
        IReadOnlyList<LearningCurveSeries> curves =
        [
            new("real", [new(1000, 20, 1, 19, 21, 2, Steps: 252, TargetTokens: 41_000), new(2000, 25, 0.5, 24.5, 25.5, 2)]),
            new("GPT-4", [new(1000, 10, 2, 8, 12, 2, Steps: 318.5, TargetTokens: 52_000)]),
        ];

        var lines = FigureCsv.Build(LearningCurveFigure.Build(curves, ["real", "GPT-4"], BandMode.Std, logX: true, "Test BLEU", [1, 2], null))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            ["series,x,y,lower,upper,seeds,steps,target_tokens", "real,1000,20,19,21,2,252,41000", "real,2000,25,24.5,25.5,2,,", "GPT-4,1000,10,8,12,2,318.5,52000"],
            lines);
    }

    [Fact]
    public void Scatter_traces_become_series_and_other_traces_are_left_out()
    {
        IList<ITrace> traces =
        [
            new Scatter { Name = "train", X = [1, 2L, 3.5], Y = [4.0, 3.0f, 2m] },
            new Bar { Name = "histogram", X = [1, 2], Y = [3, 4] },
        ];

        var spec = FigureSpecs.FromTraces(traces, "Loss", "Step", "Loss", "loss");

        var series = Assert.Single(spec.Series);
        Assert.Equal([1.0, 2.0, 3.5], series.X);
        Assert.Equal([4.0, 3.0, 2.0], series.Y);
        Assert.True(FigureSpecs.HasSeries(traces));
        Assert.False(FigureSpecs.HasSeries([new Bar()]));
    }

    [Fact]
    public void The_learning_curve_figure_keeps_grid_order_and_the_band_and_captions_seeds_and_signature()
    {
        IReadOnlyList<LearningCurveSeries> curves =
        [
            new("GPT-4", [new(1000, 10, 2, 8, 12, 2)]),
            new("real", [new(1000, 20, 1, 19, 21, 2), new(2000, 25, 0.5, 24.5, 25.5, 2)]),
        ];

        var spec = LearningCurveFigure.Build(curves, ["real", "GPT-4"], BandMode.Range, logX: true, "Test BLEU", [1, 2], "nrefs:1|tok:13a");

        Assert.Equal(["real", "GPT-4"], spec.Series.Select(s => s.Name));
        Assert.Equal([19.0, 24.5], spec.Series[0].Lower!);
        Assert.Equal([21.0, 25.5], spec.Series[0].Upper!);
        Assert.True(spec.LogX);
        Assert.Equal(
            "Test BLEU against training pairs, one line per data condition; each point the mean over seeds 1, 2; conditions are drawn 1.2% of the plot width apart "
            + "around their true size, so that equal values stay visible. Shaded: lowest to highest seed. Unsmoothed. Signature: nrefs:1|tok:13a.",
            spec.Caption);
        Assert.All(LearningCurveFigure.Build(curves, [], BandMode.None, false, "BLEU", [1], null).Series, s => Assert.False(s.HasBand));
    }

    [Fact]
    public void With_one_seed_the_figure_draws_no_band_and_its_caption_says_so()
    {
        IReadOnlyList<LearningCurveSeries> curves = [new("real", [new(1000, 20, 0, 20, 20, 1), new(2000, 25, 0, 25, 25, 1)])];

        var spec = LearningCurveFigure.Build(curves, ["real"], BandMode.Std, logX: true, "Test BLEU", [1], null);

        Assert.All(spec.Series, s => Assert.False(s.HasBand));
        Assert.Equal("Test BLEU against training pairs, one line per data condition; one seed per point, no band. Unsmoothed.", spec.Caption);
        Assert.DoesNotContain("sd", spec.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_some_points_have_one_seed_the_band_stops_there_and_the_caption_says_where_it_is_drawn()
    {
        IReadOnlyList<LearningCurveSeries> curves = [new("real", [new(1000, 20, 1, 19, 21, 2), new(2000, 25, 0, 25, 25, 1)])];

        var spec = LearningCurveFigure.Build(curves, ["real"], BandMode.Std, logX: true, "Test BLEU", [1, 2], null);

        Assert.Equal([19.0, double.NaN], spec.Series[0].Lower!);
        Assert.Contains("each point the mean over 1–2 seeds", spec.Caption, StringComparison.Ordinal);
        Assert.Contains("Shaded: mean ± one sample standard deviation over seeds, only at points with two or more seeds.", spec.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void The_figure_is_named_after_the_experiment_and_the_metric()
    {
        IReadOnlyList<LearningCurveSeries> curves = [new("real", [new(1000, 20, 0, 20, 20, 1)])];

        Assert.Equal("real-vs-low-generator-test-bleu", LearningCurveFigure.Build(curves, ["real"], BandMode.Std, true, "Test BLEU", [1], null, "Real vs. low generator").FileName);
        Assert.Equal("etc-passwd-test-chrf", LearningCurveFigure.Build(curves, ["real"], BandMode.Std, true, "Test chrF", [1], null, "../etc/passwd").FileName);
        Assert.Equal("learning-curve-test-bleu", LearningCurveFigure.Build(curves, ["real"], BandMode.Std, true, "Test BLEU", [1], null).FileName);
    }
}
