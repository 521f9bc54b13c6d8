using Bunit;
using Regurgitate.Engine.Mitigation.Detection;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Features.Mitigation;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Components.Mitigation;

public sealed class DetectorReportPanelTests : DashboardTestContext
{
    private static DetectorReport Report()
    {
        double[] p = [0.95, 0.65, 0.62, 0.15];
        bool[] human = [true, false, true, false];
        return new DetectorReport(
            12,
            p.Length,
            DetectorMetrics.Accuracy(p, human),
            DetectorMetrics.RocAuc(p, human),
            DetectorMetrics.Brier(p, human),
            DetectorMetrics.Ece(p, human),
            DetectorMetrics.RocCurve(p, human),
            DetectorMetrics.Calibration(p, human));
    }

    [Fact]
    public void Without_a_report_it_says_so_and_draws_no_chart()
    {
        var panel = Context.Render<DetectorReportPanel>(p => p.Add(c => c.Report, null));

        Assert.Contains("No detector has been trained", panel.Find("[data-testid=detector-report-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindComponents<AnalysisChart>());
        Assert.Empty(panel.FindAll("[data-testid=detector-metric]"));
    }

    [Fact]
    public void It_shows_the_scores_the_roc_curve_against_chance_and_the_reliability_diagram()
    {
        var panel = Context.Render<DetectorReportPanel>(p => p.Add(c => c.Report, Report()));

        var metrics = panel.FindAll("[data-testid=detector-metric]").ToDictionary(
            m => m.GetAttribute("data-metric")!, m => m.QuerySelector(".detector-metric-value")!.TextContent);
        Assert.Equal("75.0%", metrics["Accuracy"].Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("0.750", metrics["ROC AUC"]);
        Assert.Equal("0.148", metrics["Brier"]); // (0.0025 + 0.4225 + 0.1444 + 0.0225) / 4
        Assert.Equal("0.118", metrics["ECE"]); // (0.05 + 2·0.135 + 0.15) / 4 = 0.1175
        Assert.Contains("12 texts", panel.Find("[data-testid=detector-report-sizes]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=detector-report-empty]"));

        var charts = panel.FindComponents<AnalysisChart>();
        var roc = charts.Single(c => c.Instance.TestId == "detector-roc-chart").Instance.Csv;
        Assert.StartsWith("series,x,y\r\n", roc, StringComparison.Ordinal);
        Assert.Contains("detector (AUC 0.750),0,0\r\n", roc, StringComparison.Ordinal);
        Assert.Contains("detector (AUC 0.750),1,1\r\n", roc, StringComparison.Ordinal);
        Assert.Contains("chance,0,0\r\nchance,1,1\r\n", roc, StringComparison.Ordinal);

        // Only the three non-empty bins are plotted, each at (mean predicted, observed share).
        var calibration = charts.Single(c => c.Instance.TestId == "detector-calibration-chart").Instance.Csv;
        var detectorRows = calibration.Split("\r\n").Where(line => line.StartsWith("detector,", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, detectorRows.Count);
        Assert.Contains(detectorRows, row => row.StartsWith("detector,0.635,0.5,", StringComparison.Ordinal) && row.EndsWith("n = 2", StringComparison.Ordinal));
        Assert.Contains("perfectly calibrated,0,0", calibration, StringComparison.Ordinal);
    }
}
