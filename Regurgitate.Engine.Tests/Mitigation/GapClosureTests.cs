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
    public void Unpaired_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GapClosure.Compute(Real, [Baseline[0]], Real));
        Assert.Throws<ArgumentException>(() => GapClosure.Compute([], [], []));
    }
}
