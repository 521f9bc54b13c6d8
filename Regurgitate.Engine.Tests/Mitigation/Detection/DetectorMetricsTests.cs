using System.Text.Json;
using Regurgitate.Engine.Mitigation.Detection;

namespace Regurgitate.Engine.Tests.Mitigation.Detection;

public sealed class DetectorMetricsTests
{
    [Fact]
    public void Auc_is_one_when_every_human_scores_above_every_machine_text_and_zero_when_reversed()
    {
        double[] scores = [0.9, 0.8, 0.3, 0.1];
        bool[] humanFirst = [true, true, false, false];
        bool[] humanLast = [false, false, true, true];

        Assert.Equal(1.0, DetectorMetrics.RocAuc(scores, humanFirst), 12);
        Assert.Equal(0.0, DetectorMetrics.RocAuc(scores, humanLast), 12);
    }

    [Fact]
    public void Ties_count_one_half_as_in_the_Mann_Whitney_statistic()
    {
        Assert.Equal(0.5, DetectorMetrics.RocAuc([0.4, 0.4, 0.4, 0.4], [true, false, true, false]), 12);

        // Pairs (human, machine): (0.8, 0.5) win, (0.8, 0.2) win, (0.5, 0.5) tie, (0.5, 0.2) win → 3.5 / 4.
        Assert.Equal(0.875, DetectorMetrics.RocAuc([0.8, 0.5, 0.5, 0.2], [true, true, false, false]), 12);
    }

    [Fact]
    public void Roc_curve_runs_from_the_origin_to_one_one_with_one_point_per_distinct_score()
    {
        var curve = DetectorMetrics.RocCurve([0.8, 0.5, 0.5, 0.2], [true, true, false, false]);

        Assert.Equal(
            [(0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0)],
            curve.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)));
        Assert.True(curve[0].Threshold > 0.8);
        Assert.Equal([0.8, 0.5, 0.2], curve.Skip(1).Select(p => p.Threshold));

        // The trapezoid area under the curve equals the rank AUC, ties included.
        var area = curve.Zip(curve.Skip(1)).Sum(s => (s.Second.FalsePositiveRate - s.First.FalsePositiveRate) * (s.First.TruePositiveRate + s.Second.TruePositiveRate) / 2);
        Assert.Equal(0.875, area, 12);
    }

    [Fact]
    public void Brier_accuracy_and_ece_match_hand_computed_values()
    {
        double[] p = [0.95, 0.65, 0.62, 0.15];
        bool[] human = [true, false, true, false];

        // Brier: (0.05² + 0.65² + 0.38² + 0.15²) / 4.
        Assert.Equal((0.0025 + 0.4225 + 0.1444 + 0.0225) / 4, DetectorMetrics.Brier(p, human), 12);
        Assert.Equal(0.75, DetectorMetrics.Accuracy(p, human), 12);

        // Bins of width 0.1: [0.9,1.0] {0.95 human} gap 0.05; [0.6,0.7) {0.65 machine, 0.62 human} mean 0.635, share 0.5,
        // gap 0.135; [0.1,0.2) {0.15 machine} gap 0.15. ECE = (0.05 + 2·0.135 + 0.15) / 4.
        Assert.Equal((0.05 + 2 * 0.135 + 0.15) / 4, DetectorMetrics.Ece(p, human), 12);
        var bins = DetectorMetrics.Calibration(p, human);
        Assert.Equal(10, bins.Count);
        Assert.Equal([0, 1, 0, 0, 0, 0, 2, 0, 0, 1], bins.Select(b => b.Count));
        Assert.Equal(0.635, bins[6].MeanPredicted, 12);
        Assert.Equal(0.5, bins[6].ObservedHumanShare, 12);
        Assert.Equal(0.6, bins[6].Lower, 12);
        Assert.Equal(0.7, bins[6].Upper, 12);
    }

    [Fact]
    public void A_report_with_perfect_scores_and_empty_bins_round_trips_through_json()
    {
        // Scores of exactly 1 and empty calibration bins must stay finite: default JSON options reject NaN and infinity.
        double[] p = [1.0, 1.0, 0.0];
        bool[] human = [true, true, false];
        var report = new DetectorReport(
            10, 3, DetectorMetrics.Accuracy(p, human), DetectorMetrics.RocAuc(p, human), DetectorMetrics.Brier(p, human),
            DetectorMetrics.Ece(p, human), DetectorMetrics.RocCurve(p, human), DetectorMetrics.Calibration(p, human));

        var copy = JsonSerializer.Deserialize<DetectorReport>(JsonSerializer.Serialize(report))!;

        Assert.Equal(report.Roc, copy.Roc);
        Assert.Equal(report.Calibration, copy.Calibration);
        Assert.Equal((1.0, 0.0), (copy.RocAuc, copy.ExpectedCalibrationError));
    }

    [Fact]
    public void Mismatched_empty_or_one_class_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => DetectorMetrics.RocAuc([0.5], [true, false]));
        Assert.Throws<ArgumentException>(() => DetectorMetrics.Brier([], []));
        Assert.Throws<ArgumentException>(() => DetectorMetrics.RocAuc([0.2, 0.3], [true, true]));
        Assert.Throws<ArgumentException>(() => DetectorMetrics.Brier([1.5], [true]));
    }
}
