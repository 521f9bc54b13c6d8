using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Engine.Mitigation;

/// <summary>
/// How much of the gap between plain regurgitative training (the baseline) and real data a strategy closes:
/// 100 · (strategy − baseline) / (real − baseline), on the mean corpus score over seeds. 0 % is no better than the
/// baseline, 100 % as good as real data; beyond 100 % it beats real data.
/// <para>
/// The confidence interval comes from a bootstrap that resamples both sources of uncertainty together: the seeds (with
/// replacement, paired across the three conditions, since seed k of each draws the same sources) and the test
/// segments (with replacement, the same segments for every run, as sacreBLEU's paired bootstrap does). Each resample
/// recomputes the corpus scores from per-segment statistics; the interval is the percentile interval of the gap.
/// </para>
/// </summary>
public static class GapClosure
{
    private const ulong ResampleStream = 41;

    /// <param name="real">Per seed, the real-data run's test statistics (all runs on the same test segments).</param>
    /// <param name="baseline">Per seed, the baseline's, in the same seed order.</param>
    /// <param name="strategy">Per seed, the strategy's, in the same seed order.</param>
    public static GapClosureResult Compute(
        IReadOnlyList<SegmentStatistics> real,
        IReadOnlyList<SegmentStatistics> baseline,
        IReadOnlyList<SegmentStatistics> strategy,
        int resamples = 1_000,
        int seed = 12345,
        double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        if (real.Count == 0 || real.Count != baseline.Count || real.Count != strategy.Count)
        {
            throw new ArgumentException($"Each condition needs the same, non-zero number of seeds (real {real.Count}, baseline {baseline.Count}, strategy {strategy.Count}).");
        }

        var all = real.Concat(baseline).Concat(strategy).ToList();
        var segments = all[0].SegmentCount;
        if (all.Any(s => s.SegmentCount != segments || s.Width != all[0].Width))
        {
            throw new ArgumentException("Every run must be scored on the same test segments with the same metric.");
        }

        var realMean = real.Average(s => s.CorpusScore());
        var baselineMean = baseline.Average(s => s.CorpusScore());
        var strategyMean = strategy.Average(s => s.CorpusScore());
        var gap = Gap(realMean, baselineMean, strategyMean);

        var seeds = real.Count;
        var random = new DeterministicRandom(seed, ResampleStream);
        var samples = new List<double>(resamples);
        var segmentDraw = new int[segments];
        var seedDraw = new int[seeds];
        var totals = new double[all[0].Width];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < segments; i++)
            {
                segmentDraw[i] = random.NextInt(segments);
            }

            for (var i = 0; i < seeds; i++)
            {
                seedDraw[i] = random.NextInt(seeds);
            }

            var value = Gap(Mean(real), Mean(baseline), Mean(strategy));
            if (double.IsFinite(value))
            {
                samples.Add(value);
            }
        }

        samples.Sort();
        double Percentile(double p) => samples.Count == 0 ? double.NaN : samples[Math.Clamp((int)Math.Floor(p * samples.Count), 0, samples.Count - 1)];
        var tail = (1 - confidence) / 2;
        return new GapClosureResult(realMean, baselineMean, strategyMean, gap, Percentile(tail), Percentile(1 - tail), samples.Count, seeds);

        double Mean(IReadOnlyList<SegmentStatistics> runs)
        {
            var sum = 0.0;
            foreach (var k in seedDraw)
            {
                Array.Clear(totals);
                var run = runs[k];
                foreach (var i in segmentDraw)
                {
                    var row = run.Segment(i);
                    for (var c = 0; c < totals.Length; c++)
                    {
                        totals[c] += row[c];
                    }
                }

                sum += run.Score(totals);
            }

            return sum / seedDraw.Length;
        }
    }

    /// <summary>Percentage of the real-vs-baseline gap closed; NaN when real data is no better than the baseline.</summary>
    public static double Gap(double real, double baseline, double strategy) =>
        real - baseline is var gap && Math.Abs(gap) < 1e-9 ? double.NaN : 100.0 * (strategy - baseline) / gap;
}
