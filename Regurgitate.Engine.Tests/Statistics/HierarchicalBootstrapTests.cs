using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Tests.Statistics;

/// <summary>
/// Two conditions, A and B, each run with two seeds and scored on two test segments. A segment is (matches, length) and
/// a run's score is 100 · Σ matches / Σ length — a ratio of sums like BLEU's precisions, so that a resample must recompute
/// it from summed statistics (averaging segment scores would give other numbers).
/// </summary>
public sealed class HierarchicalBootstrapTests
{
    private static SegmentStatistics Run(params double[] rows) => new("ratio", "test", 2, rows, totals => 100 * totals[0] / totals[1]);

    private static readonly SegmentStatistics[] A = [Run(1, 2, 3, 4), Run(0, 1, 2, 2)];
    private static readonly SegmentStatistics[] B = [Run(1, 4, 1, 2), Run(1, 2, 0, 3)];

    [Fact]
    public void One_resample_scores_each_seed_slot_on_its_own_segment_draw_shared_by_both_conditions()
    {
        var means = new double[2];

        // Slot 1: seed 1 on segments {1, 1}: A (2+2)/(2+2) = 100, B (0+0)/(3+3) = 0.
        // Slot 2: seed 0 on segments {0, 1}: A (1+3)/(2+4) = 66.67, B (1+1)/(4+2) = 33.33.
        HierarchicalBootstrap.MeansOf([A, B], [1, 0], [[1, 1], [0, 1]], means);
        Assert.Equal(((100.0) + (200.0 / 3)) / 2, means[0], 9);
        Assert.Equal((0 + (100.0 / 3)) / 2, means[1], 9);

        // Seed 0 twice, on {0, 0} then {1, 1}: A (50 + 75) / 2, B (25 + 50) / 2 — not the 66.67 and 33.33 of the seed's own test set.
        HierarchicalBootstrap.MeansOf([A, B], [0, 0], [[0, 0], [1, 1]], means);
        Assert.Equal(62.5, means[0], 9);
        Assert.Equal(37.5, means[1], 9);
    }

    [Fact]
    public void The_resampled_differences_follow_the_exact_bootstrap_distribution_of_the_hand_computed_case()
    {
        // One seed slot draws seed 0 or 1 and then a segment vector (0,0), (0,1), (1,0) or (1,1), all equally likely;
        // (0,1) and (1,0) give the same totals. Per slot, A − B is therefore one of 8 equally likely values:
        //   seed 0: (0,0) 50 − 25 = 25;  (0,1) 66.67 − 33.33 = 33.33, twice;  (1,1) 75 − 50 = 25
        //   seed 1: (0,0)  0 − 50 = −50; (0,1) 66.67 − 20 = 46.67, twice;     (1,1) 100 − 0 = 100
        double[] slot = [25, 100.0 / 3, 100.0 / 3, 25, -50, 140.0 / 3, 140.0 / 3, 100];

        // A resample averages two independent slots: 64 equally likely values, mean 32.5, variance Var(slot) / 2.
        var exactMean = slot.Average();
        var exactVariance = slot.Sum(d => (d - exactMean) * (d - exactMean)) / slot.Length / 2;
        Assert.Equal(32.5, exactMean, 9);
        Assert.Equal(742.361, exactVariance, 3);

        // Lower tail: −50 (both slots seed 1 on (0,0)) has probability 1/64 < 2.5 %; the next value, (−50 + 25) / 2 = −12.5,
        // adds 4/64, so the 2.5 % quantile is −12.5. Upper tail likewise: 100 (1/64), then (100 + 46.67) / 2 = 73.33 (4/64).
        // Had one segment vector been shared by both slots, 100 would have probability 1/16 and be the 97.5 % quantile.
        var resamples = HierarchicalBootstrap.Resample([A, B], resamples: 40_000, seed: 7);
        var difference = resamples.Difference(0, 1);

        Assert.Equal(-12.5, difference.Bootstrap.Lower, 9);
        Assert.Equal(220.0 / 3, difference.Bootstrap.Upper, 9);
        double[] drawn = [.. Enumerable.Range(0, resamples.Count).Select(r => resamples.Mean(r, 0) - resamples.Mean(r, 1))];
        var mean = drawn.Average();
        Assert.InRange(mean, exactMean - 0.7, exactMean + 0.7); // 5 standard errors (27.2 / √40,000 = 0.136)
        Assert.InRange(drawn.Sum(d => (d - mean) * (d - mean)) / drawn.Length, exactVariance * 0.96, exactVariance * 1.04);

        // The estimate is the mean of the per-seed differences on the whole test set: (66.67 − 33.33 + 66.67 − 20) / 2.
        Assert.Equal(40, difference.Estimate, 9);
        Assert.Equal(2, difference.Seeds);
        Assert.False(difference.IntervalsMeaningful);
    }

    [Fact]
    public void Resampling_is_deterministic_in_its_seed_and_independent_of_which_conditions_ride_along()
    {
        static double[] Differences(HierarchicalResamples resamples, int a, int b) =>
            [.. Enumerable.Range(0, resamples.Count).Select(r => resamples.Mean(r, a) - resamples.Mean(r, b))];
        var pair = HierarchicalBootstrap.Resample([A, B], resamples: 300, seed: 3);
        var withThird = HierarchicalBootstrap.Resample([B, A, A], resamples: 300, seed: 3);

        Assert.Equal(Differences(pair, 0, 1), Differences(withThird, 1, 0));
        Assert.Equal(pair.Difference(0, 1), withThird.Difference(1, 0));
        Assert.NotEqual(Differences(pair, 0, 1), Differences(HierarchicalBootstrap.Resample([A, B], resamples: 300, seed: 4), 0, 1));
    }

    [Fact]
    public void Unpaired_or_mismatched_runs_are_refused()
    {
        Assert.Contains("same, non-zero number of seeds (got 2, 1)", Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Resample([A, [B[0]]])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Resample([A, [B[0], Run(1, 2)]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => HierarchicalBootstrap.Resample([A, B], resamples: 0));
    }
}
