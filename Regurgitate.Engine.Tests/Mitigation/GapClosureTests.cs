using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Mitigation;

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

    private static readonly SegmentStatistics[] Real = [Run(10, 0), Run(10, 1)];
    private static readonly SegmentStatistics[] Baseline = [Run(3, 0), Run(3, 2)];

    [Fact]
    public void A_strategy_equal_to_the_baseline_closes_nothing_and_one_equal_to_real_data_closes_everything()
    {
        var none = GapClosure.Compute(Real, Baseline, Baseline, resamples: 200);
        var all = GapClosure.Compute(Real, Baseline, Real, resamples: 200);

        Assert.Equal(0, none.GapClosedPercent, 9);
        Assert.Equal(0, none.Lower, 9);
        Assert.Equal(0, none.Upper, 9);
        Assert.Equal(100, all.GapClosedPercent, 9);
        Assert.Equal(100, all.Upper, 9);
        Assert.Equal(2, all.Seeds);
    }

    [Fact]
    public void The_estimate_uses_seed_means_of_corpus_scores_and_lies_inside_its_interval()
    {
        SegmentStatistics[] strategy = [Run(6, 0), Run(7, 1)];

        var result = GapClosure.Compute(Real, Baseline, strategy, resamples: 500, seed: 3);

        var real = Real.Average(s => s.CorpusScore());
        var baseline = Baseline.Average(s => s.CorpusScore());
        var mean = strategy.Average(s => s.CorpusScore());
        Assert.Equal(100 * (mean - baseline) / (real - baseline), result.GapClosedPercent, 9);
        Assert.InRange(result.GapClosedPercent, 1, 99);
        Assert.True(result.Lower < result.GapClosedPercent && result.GapClosedPercent < result.Upper, $"{result.Lower} < {result.GapClosedPercent} < {result.Upper}");
        Assert.Equal(500, result.Resamples);
        Assert.Equal(result, GapClosure.Compute(Real, Baseline, strategy, resamples: 500, seed: 3));
        Assert.NotEqual(result.Lower, GapClosure.Compute(Real, Baseline, strategy, resamples: 500, seed: 4).Lower);
    }

    [Fact]
    public void No_gap_gives_no_percentage_and_unpaired_inputs_are_refused()
    {
        Assert.True(double.IsNaN(GapClosure.Compute(Baseline, Baseline, Real, resamples: 10).GapClosedPercent));
        Assert.Throws<ArgumentException>(() => GapClosure.Compute(Real, [Baseline[0]], Real));
        Assert.Throws<ArgumentException>(() => GapClosure.Compute([], [], []));
    }
}
