using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Mitigation.Detection;
using Regurgitate.Workbench.Mitigation;

namespace Regurgitate.Workbench.Tests.Mitigation;

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
    public void Spearman_beside_kendall_and_pearson_ranks_ties_by_their_average()
    {
        // A detector's probabilities with a tie against the oracle with a tie: ranks [1, 2.5, 2.5, 4, 5] and
        // [2, 1, 3.5, 3.5, 5] give ρ = 7.25 / 9.5 = 29/38 (worked out in MqmAgreementTests).
        double[] probability = [0.1, 0.2, 0.2, 0.4, 0.5];
        double[] oracle = [20, 10, 30, 30, 50];
        var scores = new PairScores("detector", "gen/low", false, probability.Select((p, i) => new PairScore(
            $"Satz {i}", p, new Dictionary<string, double?> { [StrategyInsightsService.OracleComponent] = oracle[i] })));

        var agreement = Assert.Single(StrategyInsightsService.Agreement(scores));

        Assert.Equal(("detector", 5), (agreement.Scorer, agreement.Pairs));
        Assert.Equal(29.0 / 38, agreement.Spearman!.Value, 12);
        Assert.Equal(MqmAgreement.KendallTauB(probability, oracle), agreement.KendallTau);
        Assert.Equal(MqmAgreement.Pearson(probability, oracle), agreement.Pearson);
        Assert.NotEqual(agreement.Pearson, agreement.Spearman);
    }

    [Fact]
    public void The_text_form_has_the_detector_report_and_all_three_correlations()
    {
        var report = new DetectorReport(1_600, 400, 0.955, 0.9932, 0.041, 0.012, [], []);
        var insight = new StrategyInsight("detector", StrategyOrder.Detector, report, [new ScorerAgreement("gen/low", "detector", 8_000, 0.0612, 0.0904, null)]);

        var lines = ScorerAgreementText.Markdown(insight).Split(Environment.NewLine);

        Assert.Equal("Detector on 400 held-out texts (trained on 1,600): ROC AUC 0.993, accuracy 0.955, Brier 0.041, ECE 0.012.", lines[0]);
        Assert.Equal("| Generator | Scorer | Pairs | τ-b with oracle | ρ with oracle | r with oracle |", lines[1]);
        Assert.Equal("| gen/low | detector | 8,000 | 0.061 | 0.090 | – |", lines[3]);
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
