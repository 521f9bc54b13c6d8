using Bunit;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Components.Figures;

/// <summary>The charts hand what they show to the export dialog, and the learning curve offers its table.</summary>
public sealed class ChartFigureWiringTests : DashboardTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_metric_chart_exports_its_history_and_appended_points_and_opens_the_dialog()
    {
        var provider = Context.Render<MudBlazor.MudDialogProvider>();
        var chart = Context.Render<MetricChart>(p => p
            .Add(c => c.Title, "Loss")
            .Add(c => c.YAxisTitle, "Cross-entropy")
            .Add(c => c.Series, [new ChartSeries(MetricNames.TrainLoss, "train loss", "#1f77b4"), new ChartSeries(MetricNames.DevLoss, "dev loss", "#d62728")])
            .Add(c => c.InitialPoints, [new MetricSample(1, MetricNames.TrainLoss, 9, At), new MetricSample(2, MetricNames.TrainLoss, 8, At)])
            .Add(c => c.Caption, "Loss of run #3. Seed 1. Unsmoothed.")
            .Add(c => c.FileName, "run-3-loss"));
        await chart.InvokeAsync(() => chart.Instance.AppendAsync([new MetricSample(3, MetricNames.TrainLoss, 7, At)]));

        var figure = chart.Instance.ToFigure();
        Assert.Equal(["train loss", "dev loss"], figure.Series.Select(s => s.Name));
        Assert.Equal([9.0, 8.0, 7.0], figure.Series[0].Y);
        Assert.Equal(("Step", "Cross-entropy", "run-3-loss"), (figure.XLabel, figure.YLabel, figure.FileName));

        chart.Find("[data-testid=export-figure]").Click();

        provider.WaitForState(() => provider.FindComponents<FigureExportDialog>().Count == 1);
        var dialog = provider.FindComponent<FigureExportDialog>();
        Assert.Equal("run-3-loss", dialog.Instance.Spec.FileName);
        Assert.Contains("Seed 1.", provider.Find("[data-testid=figure-caption]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_learning_curve_downloads_its_table_as_LaTeX_and_Markdown()
    {
        IReadOnlyList<LearningCurveSeries> curves = [new("real", [new(1000, 20, 1, 19, 21, 2)])];
        var chart = Context.Render<LearningCurveChart>(p => p
            .Add(c => c.Series, curves)
            .Add(c => c.ConditionOrder, ["real"])
            .Add(c => c.Seeds, [1, 2])
            .Add(c => c.ExperimentName, "Real vs low"));

        var latex = chart.Find("[data-testid=learning-curve-latex]");
        var markdown = chart.Find("[data-testid=learning-curve-markdown]");

        Assert.Equal("real-vs-low-test-bleu.tex", latex.GetAttribute("download"));
        Assert.Equal("real-vs-low-test-bleu.md", markdown.GetAttribute("download"));
        Assert.Equal("real-vs-low-test-bleu", chart.Instance.ToFigure().FileName);
        Assert.Equal(LearningCurveTableText.Latex(curves), Uri.UnescapeDataString(latex.GetAttribute("href")!["data:text/plain;charset=utf-8,".Length..]));
        Assert.Equal(LearningCurveTableText.Markdown(curves), Uri.UnescapeDataString(markdown.GetAttribute("href")!["data:text/plain;charset=utf-8,".Length..]));
        Assert.Contains("each point the mean over seeds 1, 2", chart.Instance.ToFigure().Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fine_tuning_experiments_exported_figure_carries_the_pretrained_line_the_page_draws()
    {
        IReadOnlyList<LearningCurveSeries> curves = [new("real", [new(1000, 20, 1, 19, 21, 2), new(4000, 25, 1, 24, 26, 2)])];
        var chart = Context.Render<LearningCurveChart>(p => p
            .Add(c => c.Series, curves)
            .Add(c => c.ConditionOrder, ["real", "low"])
            .Add(c => c.Seeds, [1, 2])
            .Add(c => c.PretrainedScore, 12.345));

        var figure = chart.Instance.ToFigure();

        var line = Assert.Single(figure.Series, s => s.Name == LearningCurveFigure.PretrainedSeriesName);
        Assert.Equal([1000.0, 4000.0], line.X);
        Assert.Equal([12.345, 12.345], line.Y);
        Assert.Equal(2, line.Slot); // after both conditions' slots, so neither condition's look is taken
        Assert.Contains("the dotted line is the pretrained model's score before fine-tuning (12.35)", figure.Caption, StringComparison.Ordinal);
        Assert.DoesNotContain(Context.Render<LearningCurveChart>(p => p.Add(c => c.Series, curves)).Instance.ToFigure().Series, s => s.Name == LearningCurveFigure.PretrainedSeriesName);
    }

    [Fact]
    public void An_empty_learning_curve_offers_no_exports()
    {
        var chart = Context.Render<LearningCurveChart>(p => p.Add(c => c.Series, []));
        Assert.Empty(chart.FindAll("[data-testid=learning-curve-exports]"));
    }
}
