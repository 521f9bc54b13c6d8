using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Tests.Mitigation;

public sealed class GapClosureTests
{
    private static readonly string[] References =
    [.. Enumerable.Range(0, 60).Select(i => $"the quick brown fox {i} jumps over the lazy dog number {i % 7} today")];

    // Each hypothesis keeps the first `keep` words of its reference and garbles the rest.
    private static SegmentStatistics Run(int keep, int salt) => new BleuMetric().CorpusStatistics(
        [.. References.Select((r, i) =>
        {
            var words = r.Split(' ');
            var k = Math.Clamp(keep + ((i + salt) % 3) - 1, 0, words.Length);
            return string.Join(' ', words.Take(k).Concat(words.Skip(k).Select(w => "x" + w)));
        })],
        [References]);

    private static readonly SegmentStatistics[] Real = [Run(10, 0), Run(10, 1), Run(10, 2)];
    private static readonly SegmentStatistics[] Baseline = [Run(3, 0), Run(3, 2), Run(3, 1)];

    [Fact]
    public void Real_data_worse_than_the_baseline_gives_no_share_only_the_differences()
    {
        SegmentStatistics[] strategy = [Run(6, 0), Run(7, 1), Run(6, 2)];

        // Swapped roles: "real" is the poor system, so the gap is negative; a ratio would be a sign-flipped percentage.
        var result = GapClosure.Compute(Baseline, Real, strategy, resamples: 300);

        Assert.Null(result.Share);
        Assert.True(result.RealMinusBaseline.Bootstrap.Upper < 0, $"{result.RealMinusBaseline}");
        Assert.True(result.StrategyMinusBaseline.Estimate < 0);
        Assert.Equal(3, result.StrategyMinusBaseline.Seeds);
        Assert.True(result.StrategyMinusBaseline.IntervalsMeaningful);
    }

    [Fact]
    public void A_gap_whose_interval_reaches_zero_gives_no_share_even_with_a_positive_estimate()
    {
        // Real and baseline of the same quality, one seed a little apart.
        SegmentStatistics[] real = [Run(5, 0), Run(5, 1), Run(6, 2)];
        SegmentStatistics[] baseline = [Run(5, 1), Run(5, 2), Run(5, 0)];

        var result = GapClosure.Compute(real, baseline, Real, resamples: 300);

        Assert.True(result.RealMinusBaseline.Estimate > 0, $"{result.RealMinusBaseline}");
        Assert.True(result.RealMinusBaseline.Bootstrap.Lower <= 0, $"{result.RealMinusBaseline}");
        Assert.Null(result.Share);
    }

    [Fact]
    public void A_gap_clear_of_zero_in_the_bootstrap_but_not_over_seeds_gives_no_share()
    {
        // One seed of real data no better than the baseline, two clearly better: the bootstrap, which redraws three seeds,
        // puts real − baseline above 0, but t over three per-seed differences (0, 9, 9) does not.
        SegmentStatistics[] real = [Run(5, 0), Run(6, 1), Run(6, 2)];
        SegmentStatistics[] baseline = [Run(5, 1), Run(5, 2), Run(5, 0)];

        var result = GapClosure.Compute(real, baseline, Real, resamples: 1000);

        Assert.True(result.RealMinusBaseline.Bootstrap.Lower > 0, $"{result.RealMinusBaseline}");
        Assert.True(result.RealMinusBaseline.StudentT!.Value.Lower < 0, $"{result.RealMinusBaseline}");
        Assert.Null(result.Share);
    }

    [Fact]
    public void A_strategy_equal_to_the_baseline_closes_nothing_and_one_equal_to_real_data_closes_everything()
    {
        var none = GapClosure.Compute(Real, Baseline, Baseline, resamples: 200).Share!;
        var all = GapClosure.Compute(Real, Baseline, Real, resamples: 200).Share!;

        Assert.Equal(new GapShare(0, new ConfidenceInterval(0, 0), 0), none);
        Assert.Equal(100, all.Percent, 9);
        Assert.Equal(100, all.Interval.Lower, 9);
        Assert.Equal(100, all.Interval.Upper, 9);
    }

    [Fact]
    public void The_share_divides_the_mean_differences_and_comes_from_the_same_resamples_as_the_gap()
    {
        SegmentStatistics[] strategy = [Run(6, 0), Run(7, 1), Run(6, 2)];

        var result = GapClosure.Compute(Real, Baseline, strategy, resamples: 500, seed: 3);

        var real = Real.Average(s => s.CorpusScore());
        var baseline = Baseline.Average(s => s.CorpusScore());
        var mean = strategy.Average(s => s.CorpusScore());
        Assert.Equal(mean - baseline, result.StrategyMinusBaseline.Estimate, 9);
        Assert.Equal(100 * (mean - baseline) / (real - baseline), result.Share!.Percent, 9);
        Assert.InRange(result.Share.Percent, 1, 99);
        Assert.True(result.Share.Interval.Lower < result.Share.Percent && result.Share.Percent < result.Share.Interval.Upper, $"{result.Share}");
        Assert.Equal(0, result.Share.UnboundedResamples);

        // The real row of a table shows real − baseline alone; it is the very gap the share was computed against.
        Assert.Equal(HierarchicalBootstrap.Resample([Real, Baseline], resamples: 500, seed: 3).Difference(0, 1), result.RealMinusBaseline);
        Assert.Equal(result, GapClosure.Compute(Real, Baseline, strategy, resamples: 500, seed: 3));
    }

    [Fact]
    public void Resamples_without_a_gap_are_kept_as_unbounded_shares_and_the_interval_stays_finite()
    {
        // 40 one-word segments per run (score = % of segments right). Real beats the baseline on 24 segments and loses on 16
        // (+20 points) and the strategy sits half way (+10): consistent over seeds, but noisy enough over segments that a
        // few resamples have real ≤ baseline.
        static SegmentStatistics Segments(params (int Count, int Right)[] runs) => new(
            "ratio", "test", 2, [.. runs.SelectMany(r => Enumerable.Repeat<double[]>([r.Right, 1], r.Count)).SelectMany(row => row)], t => 100 * t[0] / t[1]);
        var real = Segments((24, 1), (16, 0));
        var baseline = Segments((24, 0), (16, 1));
        var strategy = Segments((12, 1), (12, 0), (8, 1), (8, 0));

        var result = GapClosure.Compute([real, real, real], [baseline, baseline, baseline], [strategy, strategy, strategy], resamples: 1000, seed: 5);

        var draws = HierarchicalBootstrap.Resample([[real, real, real], [baseline, baseline, baseline], [strategy, strategy, strategy]], 1000, 5);
        var gaps = Enumerable.Range(0, draws.Count).Select(r => (Gap: draws.Mean(r, 0) - draws.Mean(r, 1), Gain: draws.Mean(r, 2) - draws.Mean(r, 1))).ToList();
        var share = result.Share!;
        Assert.Equal(50, share.Percent, 9);
        Assert.Equal(gaps.Count(g => g.Gap <= 0), share.UnboundedResamples);
        Assert.InRange(share.UnboundedResamples, 1, 25);
        Assert.Equal(
            ConfidenceInterval.Percentile([.. gaps.Select(g => g.Gap > 0 ? 100 * g.Gain / g.Gap : g.Gain > 0 ? double.PositiveInfinity : g.Gain < 0 ? double.NegativeInfinity : 0)]),
            share.Interval);
        Assert.True(double.IsFinite(share.Interval.Lower) && double.IsFinite(share.Interval.Upper), $"{share}");
    }

    [Fact]
    public void Unpaired_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GapClosure.Compute(Real, [Baseline[0]], Real));
        Assert.Throws<ArgumentException>(() => GapClosure.Compute([], [], []));
    }
}
