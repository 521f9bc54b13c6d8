using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Mitigation.Detection;
using Regurgitate.Workbench.Strategies;

namespace Regurgitate.Web.Tests.Strategies;

public sealed class StrategyInsightsTests
{
    [Fact]
    public void Each_component_and_the_combined_score_are_measured_against_the_oracle()
    {
        var scores = new PairScores("quality", "gen/low", false, Enumerable.Range(0, 20).Select(i => new PairScore(
            $"Satz {i}",
            i,
            new Dictionary<string, double?>
            {
                ["consensus"] = i * 2.0,
                ["signals"] = -i,
                ["model"] = i % 2 == 0 ? null : i,
                [StrategyInsightsService.OracleComponent] = 50 + i,
            })));

        var agreement = StrategyInsightsService.Agreement(scores).ToDictionary(a => a.Scorer);

        Assert.Equal(["quality", "consensus", "model", "signals"], StrategyInsightsService.Agreement(scores).Select(a => a.Scorer));
        Assert.Equal(1.0, agreement["quality"].KendallTau!.Value, 9);
        Assert.Equal(1.0, agreement["consensus"].Pearson!.Value, 9);
        Assert.Equal(-1.0, agreement["signals"].KendallTau!.Value, 9);
        Assert.Equal(10, agreement["model"].Pairs);
        Assert.Equal(20, agreement["quality"].Pairs);
    }

    [Fact]
    public void Scores_without_an_oracle_have_no_agreement() =>
        Assert.Empty(StrategyInsightsService.Agreement(new PairScores("detector", "g", false, [new PairScore("a", 0.5)])));

    [Fact]
    public async Task A_detector_report_round_trips_through_its_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "regurgitate-insight-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = new DetectorReport(80, 20, 0.75, 0.8, 0.2, 0.05, [new RocPoint(0, 0, 1), new RocPoint(1, 1, 0)], [new CalibrationBin(0, 0.1, 3, 0.05, 0.0)]);

            Assert.Null(await StrategyInsightsService.ReadDetectorReportAsync(folder, CancellationToken.None));
            await StrategyInsightsService.WriteDetectorReportAsync(folder, report, CancellationToken.None);
            var read = await StrategyInsightsService.ReadDetectorReportAsync(folder, CancellationToken.None);

            Assert.NotNull(read);
            Assert.Equal(report.RocAuc, read.RocAuc);
            Assert.Equal(report.Roc, read.Roc);
            Assert.Equal(report.Calibration, read.Calibration);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
