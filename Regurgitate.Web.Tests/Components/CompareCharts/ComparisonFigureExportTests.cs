using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>The comparison chart's "Export figure" hands the dialog the lines as displayed, with a caption that says how they were made.</summary>
public sealed class ComparisonFigureExportTests : DashboardTestContext
{
    // Opens the comparison at the address, clicks "Export figure" and returns the spec the dialog received.
    private FigureSpec ExportAt(string url)
    {
        Context.AddComparePage(new FakeMetricSeriesService(CompareChartsRows.Three));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        RenderAs();
        var provider = Context.Render<MudDialogProvider>();
        var page = Context.Render<CompareChartsPage>();

        page.Find("[data-testid=compare-chart] [data-testid=export-figure]").Click();

        provider.WaitForState(() => provider.FindComponents<FigureExportDialog>().Count == 1);
        var spec = provider.FindComponent<FigureExportDialog>().Instance.Spec;
        Assert.Contains(spec.Caption!, provider.Find("[data-testid=figure-caption]").TextContent, StringComparison.Ordinal);
        return spec;
    }

    [Fact]
    public void Runs_export_as_smoothed_lines_over_their_faint_raw_lines_in_run_id_order()
    {
        var spec = ExportAt("/compare/charts?runs=3,1&smooth=gaussian&sp=2&logy=1");

        Assert.Equal(["#1 real n=2000 s1", "#1 real n=2000 s1", "#3 50% real n=4000 s3", "#3 50% real n=4000 s3"], spec.Series.Select(s => s.Name));
        Assert.Equal([true, false, true, false], spec.Series.Select(s => s.Faint));
        Assert.All(spec.Series, s => Assert.Equal(3, s.Count));
        Assert.All(spec.Series, s => Assert.False(s.HasBand));
        // The fake's run 1 is 1, 2, 3; Gaussian smoothing pulls the ends inwards and leaves the middle.
        Assert.Equal([1.0, 2.0, 3.0], spec.Series[0].Y);
        Assert.Equal(2.0, spec.Series[1].Y[1], 9);
        Assert.True(spec.Series[1].Y[0] > 1.0);
        Assert.Equal(("Step", "train/loss", false, true), (spec.XLabel, spec.YLabel, spec.LogX, spec.LogY));
        Assert.Equal("runs-1-3-train-loss-vs-step", spec.FileName);
        Assert.Equal(
            "train/loss against step, one line per run (#1, seed 1; #3, seed 3); faint lines: the unsmoothed values. Smoothing: Gaussian sigma=2 points.",
            spec.Caption);
    }

    [Fact]
    public void Hidden_raw_lines_stay_out_of_the_figure()
    {
        var spec = ExportAt("/compare/charts?runs=1,2&raw=0&x=tokens&logx=1");

        Assert.Equal(2, spec.Series.Count);
        Assert.DoesNotContain(spec.Series, s => s.Faint);
        Assert.Equal(("Target tokens seen", true), (spec.XLabel, spec.LogX));
        Assert.Contains("Smoothing: EMA 0.6 (TensorBoard, debiased).", spec.Caption, StringComparison.Ordinal);
        Assert.DoesNotContain("faint", spec.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_export_their_mean_with_the_band_and_the_seeds_they_average()
    {
        var spec = ExportAt("/compare/charts?runs=1,2,3&group=Training.LearningRate&band=minmax&smooth=none");

        var pair = spec.Series.Single(s => s.Name == "Training.LearningRate = 0.0007 (n=2)");
        Assert.True(pair.HasBand);
        Assert.Equal("lowest to highest run", pair.BandLabel);
        Assert.Equal([1.0, 2.0, 3.0], pair.Lower!);
        Assert.Equal([2.0, 3.0, 4.0], pair.Upper!);
        Assert.Equal(2, spec.Series.Count);
        Assert.Equal(
            "train/loss against step, one line per value of Training.LearningRate: the mean of runs #1, #2, #3. Mean over 3 seeds (1, 2, 3). Shaded: lowest to highest run. Unsmoothed.",
            spec.Caption);
    }

    [Fact]
    public void The_button_is_disabled_until_something_is_drawn()
    {
        var chart = Context.Render<ComparisonChart>(p => p.Add(c => c.Data, null));

        Assert.True(chart.Find("[data-testid=export-figure]").HasAttribute("disabled"));
        Assert.Null(chart.Instance.ToFigure());
    }
}
