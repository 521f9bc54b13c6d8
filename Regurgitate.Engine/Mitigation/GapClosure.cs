using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Mitigation;

/// <summary>
/// How a strategy compares with plain regurgitative training (the baseline) and with real data, all three paired by
/// seed and resampled together with the <see cref="HierarchicalBootstrap"/>: first the differences strategy − baseline
/// and real − baseline (in score points, each with a bootstrap and a t-interval), then, only where real data is
/// measurably better than the baseline, the share of that gap the strategy closes, 100 · (S − B) / (R − B).
/// <para>
/// "Measurably better" means that the estimate of R − B and both its intervals lie above 0: the bootstrap interval and,
/// from two seeds on, the t-interval over seeds. Each interval misses something the other sees — the bootstrap
/// understates the spread between seeds when there are few (a mean over n redrawn seeds varies by (n − 1)/n of the
/// true variance, and its percentiles are normal-like where t<sub>n−1</sub> is far wider), while the t-interval
/// ignores which test sentences were drawn — so a share is given only where neither leaves room for no gap. Otherwise
/// there is no gap to close at this size and the ratio would divide by noise — or, with real data worse than the
/// baseline, flip sign — so no percentage is given at all (<see cref="GapClosureResult.Share"/> is null).
/// </para>
/// <para>
/// The share's interval is the percentile interval of the ratio over the same resamples. A resample in which R − B ≤ 0
/// has no finite share; it is kept, not dropped, as +∞ when the strategy beat the baseline in that resample, −∞ when it
/// was worse (the limits as the gap shrinks to 0) and 0 when they tied, so it can only widen the interval. A share is
/// reported only when at most ⌊N · (1 − level) / 2⌋ resamples have R − B ≤ 0 — no more than the percentile interval
/// leaves beyond each bound — so both bounds stay finite; <see cref="GapShare.UnboundedResamples"/> says how many there were.
/// </para>
/// </summary>
public static class GapClosure
{
    private const int Real = 0;
    private const int Baseline = 1;
    private const int Strategy = 2;

    /// <param name="real">Per seed, the real-data run's test statistics (all runs on the same test segments).</param>
    /// <param name="baseline">Per seed, the baseline's, in the same seed order.</param>
    /// <param name="strategy">Per seed, the strategy's, in the same seed order.</param>
    public static GapClosureResult Compute(
        IReadOnlyList<SegmentStatistics> real,
        IReadOnlyList<SegmentStatistics> baseline,
        IReadOnlyList<SegmentStatistics> strategy,
        int resamples = HierarchicalBootstrap.DefaultResamples,
        int seed = HierarchicalBootstrap.DefaultSeed,
        double level = ConfidenceInterval.DefaultLevel,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(strategy);
        var draws = HierarchicalBootstrap.Resample([real, baseline, strategy], resamples, seed, cancellationToken);
        var gain = draws.Difference(Strategy, Baseline, level);
        var gap = draws.Difference(Real, Baseline, level);
        if (!(gap.Estimate > 0 && gap.Bootstrap.Lower > 0 && (gap.StudentT is null || gap.StudentT.Value.Lower > 0)))
        {
            return new GapClosureResult(gain, gap, null);
        }

        var shares = new double[draws.Count];
        var unbounded = 0;
        for (var r = 0; r < draws.Count; r++)
        {
            var s = draws.Mean(r, Strategy) - draws.Mean(r, Baseline);
            var g = draws.Mean(r, Real) - draws.Mean(r, Baseline);
            if (g > 0)
            {
                shares[r] = 100.0 * s / g;
                continue;
            }

            unbounded++;
            shares[r] = s > 0 ? double.PositiveInfinity : s < 0 ? double.NegativeInfinity : 0.0;
        }

        var share = new GapShare(100.0 * gain.Estimate / gap.Estimate, ConfidenceInterval.Percentile(shares, level), unbounded);
        return new GapClosureResult(gain, gap, share);
    }
}
