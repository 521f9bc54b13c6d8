using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Engine.Statistics;

/// <summary>
/// A hierarchical, paired bootstrap of corpus scores for training conditions that were each run with the same seeds and
/// scored on the same test segments. One resample draws n seed slots with replacement from the n seeds; each slot then
/// draws its own vector of m test-segment indices with replacement and applies that same vector to every condition's run
/// of the slot's seed; each run's corpus score is recomputed from the summed per-segment statistics (so BLEU stays a
/// corpus statistic, not an average of sentence scores), and each condition's scores are averaged over the slots.
/// <para>
/// Both sources of uncertainty enter every resample: which seeds happened to be run (training randomness, resampled at
/// the top level) and which test sentences happened to be in the test set (resampled within each seed). Conditions stay
/// paired at both levels, so a difference between two conditions is not widened by variation they share.
/// </para>
/// <para>
/// The draws depend only on the number of seeds, the number of segments and <c>seed</c>, never on the conditions, so two
/// analyses over the same seeds (say real − baseline alone, and with a strategy beside them) see the same resamples.
/// </para>
/// </summary>
public static class HierarchicalBootstrap
{
    public const int DefaultResamples = 1_000;
    public const int DefaultSeed = 12345;

    private const ulong ResampleStream = 41;

    /// <param name="runs">
    /// Per condition, its runs' test statistics in one shared seed order: <c>runs[c][k]</c> is condition c trained with
    /// the k-th seed. Every run must be scored on the same test segments with the same metric.
    /// </param>
    /// <param name="resamples">Number of bootstrap resamples (at least 1).</param>
    /// <param name="seed">Seed of the resampling (deterministic; see <see cref="DeterministicRandom"/>).</param>
    public static HierarchicalResamples Resample(
        IReadOnlyList<IReadOnlyList<SegmentStatistics>> runs,
        int resamples = DefaultResamples,
        int seed = DefaultSeed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        Validate(runs);

        var conditions = runs.Count;
        var seeds = runs[0].Count;
        var segments = runs[0][0].SegmentCount;
        var random = new DeterministicRandom(seed, ResampleStream);
        var seedDraw = new int[seeds];
        var segmentDraws = Enumerable.Range(0, seeds).Select(_ => new int[segments]).ToArray();
        var means = new double[resamples * conditions];
        for (var r = 0; r < resamples; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var slot = 0; slot < seeds; slot++)
            {
                seedDraw[slot] = random.NextInt(seeds);
            }

            foreach (var draw in segmentDraws)
            {
                for (var i = 0; i < segments; i++)
                {
                    draw[i] = random.NextInt(segments);
                }
            }

            MeansOf(runs, seedDraw, segmentDraws, means.AsSpan(r * conditions, conditions));
        }

        var scores = runs.Select(condition => condition.Select(run => run.CorpusScore()).ToArray()).ToArray();
        return new HierarchicalResamples(scores, means, resamples);
    }

    /// <summary>
    /// One resample's statistic for given draws: per condition, the mean over slots j of the corpus score of its run
    /// <c>seedDraw[j]</c> on the segments <c>segmentDraws[j]</c>.
    /// </summary>
    internal static void MeansOf(
        IReadOnlyList<IReadOnlyList<SegmentStatistics>> runs,
        IReadOnlyList<int> seedDraw,
        IReadOnlyList<int[]> segmentDraws,
        Span<double> means)
    {
        var totals = new double[runs[0][0].Width];
        for (var c = 0; c < runs.Count; c++)
        {
            var sum = 0.0;
            for (var slot = 0; slot < seedDraw.Count; slot++)
            {
                Array.Clear(totals);
                var run = runs[c][seedDraw[slot]];
                foreach (var i in segmentDraws[slot])
                {
                    var row = run.Segment(i);
                    for (var k = 0; k < totals.Length; k++)
                    {
                        totals[k] += row[k];
                    }
                }

                sum += run.Score(totals);
            }

            means[c] = sum / seedDraw.Count;
        }
    }

    private static void Validate(IReadOnlyList<IReadOnlyList<SegmentStatistics>> runs)
    {
        if (runs.Count == 0 || runs[0].Count == 0 || runs.Any(c => c.Count != runs[0].Count))
        {
            throw new ArgumentException(
                $"Each condition needs the same, non-zero number of seeds (got {string.Join(", ", runs.Select(c => c.Count))}).", nameof(runs));
        }

        var first = runs[0][0];
        if (runs.SelectMany(c => c).Any(s => s.SegmentCount != first.SegmentCount || s.Width != first.Width || s.MetricName != first.MetricName))
        {
            throw new ArgumentException("Every run must be scored on the same test segments with the same metric.", nameof(runs));
        }

        if (first.SegmentCount == 0)
        {
            throw new ArgumentException("The runs have no test segments to resample.", nameof(runs));
        }
    }
}
