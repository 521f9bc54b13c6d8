using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class MqmAgreementTests
{
    private static MqmSegmentScore Segment(int id, double score, bool major) => new()
    {
        System = "A",
        SegmentId = id,
        Score = score,
        Raters = 1,
        Errors = major ? 1 : 0,
        HasMajorError = major,
        CategoryCounts = new Dictionary<string, int>(),
    };

    [Fact]
    public void Spearman_rho_uses_average_ranks_for_ties()
    {
        // Ranks x = [1, 2.5, 2.5, 4, 5], y = [2, 1, 3.5, 3.5, 5], both with mean 3: Σdx·dy = 7.25, Σdx² = Σdy² = 9.5,
        // so ρ = 7.25 / 9.5 = 29/38. (The no-ties shortcut 1 − 6Σd²/(n(n²−1)) would give 0.775.)
        Assert.Equal(29.0 / 38, MqmAgreement.Spearman([1, 2, 2, 4, 5], [2, 1, 3, 3, 5])!.Value, 12);
        // Any monotone relation has ρ = 1 where Pearson's r does not.
        Assert.Equal(1, MqmAgreement.Spearman([1, 2, 3, 4], [1, 8, 27, 64])!.Value, 12);
        Assert.True(MqmAgreement.Pearson([1, 2, 3, 4], [1, 8, 27, 64]) < 0.99);
        Assert.Equal(-1, MqmAgreement.Spearman([1, 2, 3], [30, 20, 10])!.Value, 12);
        Assert.Null(MqmAgreement.Spearman([4, 4, 4], [1, 2, 3]));
        Assert.Null(MqmAgreement.Spearman([1], [1]));
        Assert.Throws<ArgumentException>(() => MqmAgreement.Spearman([1, 2], [1]));
    }

    [Fact]
    public void Kendall_tau_b_matches_hand_counts_with_and_without_ties()
    {
        // One discordant pair of six: (5 − 1) / 6.
        Assert.Equal(2.0 / 3, MqmAgreement.KendallTauB([1, 2, 3, 4], [1, 3, 2, 4])!.Value, 12);
        // C = 4, D = 0, one pair tied in x, one in y: 4 / √(5·5) = 0.8 (scipy.stats.kendalltau agrees).
        Assert.Equal(0.8, MqmAgreement.KendallTauB([1, 1, 2, 3], [1, 2, 2, 3])!.Value, 12);
        Assert.Equal(-1, MqmAgreement.KendallTauB([1, 2, 3], [3, 2, 1])!.Value, 12);
        Assert.Null(MqmAgreement.KendallTauB([1, 1, 1], [1, 2, 3]));
        Assert.Null(MqmAgreement.KendallTauB([1], [1]));
    }

    [Fact]
    public void Pearson_matches_a_hand_computation()
    {
        // dx = (−1, 0, 1), dy = (−7/3, −1/3, 8/3): Sxy = 5, Sxx = 2, Syy = 38/3.
        Assert.Equal(5 / Math.Sqrt(2 * 38.0 / 3), MqmAgreement.Pearson([1, 2, 3], [2, 4, 7])!.Value, 12);
        Assert.Equal(-1, MqmAgreement.Pearson([1, 2, 3], [6, 4, 2])!.Value, 12);
        Assert.Null(MqmAgreement.Pearson([1, 2, 3], [5, 5, 5]));
    }

    [Fact]
    public void Precision_recall_and_f1_of_each_detector_against_human_major_errors()
    {
        var good = ErrorSignals.Compute("Guten Morgen, wie geht es dir?", "Good morning, how are you?");
        Assert.False(good.Any);
        var loop = good with { Loop = true };
        MqmSegmentScore[] segments = [Segment(1, 5, true), Segment(2, 25, true), Segment(3, 1, false), Segment(4, 0, false), Segment(5, 0.1, false)];
        double[] chrF = [10, 50, 20, 60, 70];
        PairErrorSignals[] signals = [loop, loop, loop, good, good];

        var result = MqmAgreement.Compute(segments, chrF, signals, 30);

        Assert.Equal(5, result.Segments);
        Assert.Equal(2, result.HumanMajorSegments);
        var byName = result.Detectors.ToDictionary(d => d.Detector);
        Assert.Equal(MqmAgreement.SignalFlags.Count + 1, result.Detectors.Count);
        Assert.Equal(new MqmDetectorAgreement("loop", 2, 1, 0, 2), byName["loop"]);
        Assert.Equal(2.0 / 3, byName["loop"].Precision!.Value, 12);
        Assert.Equal(1, byName["loop"].Recall!.Value, 12);
        Assert.Equal(0.8, byName["loop"].F1!.Value, 12);
        var threshold = byName["chrF < 30"];
        Assert.Equal((1, 1, 1, 2), (threshold.TruePositives, threshold.FalsePositives, threshold.FalseNegatives, threshold.TrueNegatives));
        Assert.Equal(0.5, threshold.Precision!.Value, 12);
        Assert.Equal(0.5, threshold.Recall!.Value, 12);
        Assert.Equal(0.5, threshold.F1!.Value, 12);
        // A detector that never fires has no precision; its recall is 0 and F1 undefined.
        Assert.Equal(new MqmDetectorAgreement("empty", 0, 0, 2, 3), byName["empty"]);
        Assert.Null(byName["empty"].Precision);
        Assert.Equal(0, byName["empty"].Recall);
        Assert.Null(byName["empty"].F1);

        // Human quality is −MQM: (−5, −25, −1, 0, −0.1) against chrF.
        Assert.Equal(MqmAgreement.Pearson([-5, -25, -1, 0, -0.1], chrF), result.Pearson);
        Assert.Equal(MqmAgreement.KendallTauB([-5, -25, -1, 0, -0.1], chrF), result.KendallTauB);
        Assert.Equal(result, MqmAgreement.Compute(segments, chrF, signals, 30) with { Detectors = result.Detectors });
    }

    [Fact]
    public void Segments_are_matched_to_an_analysis_by_one_based_id()
    {
        string[] sources = ["Guten Morgen.", "Danke.", "Ja."];
        string?[] references = ["Good morning.", "", "Yes."];
        string?[] hypotheses = ["Good morning.", "Thanks.", "No."];
        var analysis = ErrorAnalysis.Analyze(sources, references, hypotheses);

        // Segment 2 has no reference, segment 4 is out of range: both are left out.
        var result = MqmAgreement.Compute([Segment(1, 0, false), Segment(2, 1, false), Segment(3, 5, true), Segment(4, 5, true)], analysis);

        Assert.Equal(2, result.Segments);
        Assert.Equal(2, result.Unmatched);
        Assert.Equal(1, result.HumanMajorSegments);
        Assert.Equal(1, result.Pearson!.Value, 12);
        Assert.Equal(1, result.KendallTauB!.Value, 12);
        Assert.Equal(analysis.Options.ChrFThreshold, result.ChrFThreshold);
        Assert.Equal((1, 0, 0, 1), result.Detectors[^1] is var d ? (d.TruePositives, d.FalsePositives, d.FalseNegatives, d.TrueNegatives) : default);
    }
}
