using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// How y moves with x over a handful of independent units (runs): the least-squares slope of y on x, Pearson's r and
/// Spearman's ρ, each with a percentile bootstrap interval over the units (pairs resampled with replacement, one seeded
/// SplitMix64 stream, so the same input gives the same interval). A statistic is null when it is undefined on the
/// data (fewer than three points, or x or y constant).
/// </summary>
public sealed record RelationFit(int N, IntervalEstimate? Slope, IntervalEstimate? Pearson, IntervalEstimate? Spearman, double Confidence, int Resamples, int Seed)
{
    public const int MinimumPoints = 3;

    private const ulong ResampleStream = 53;

    public static RelationFit Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, int resamples = 2_000, int seed = 12345, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x and y must be aligned ({x.Count} and {y.Count} values).", nameof(y));
        }

        if (x.Concat(y).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every x and y must be a finite number.", nameof(x));
        }

        var n = x.Count;
        Func<IReadOnlyList<double>, IReadOnlyList<double>, double?>[] statistics = [LeastSquaresSlope, PearsonR, SpearmanRho];
        var estimates = statistics.Select(s => n < MinimumPoints ? null : s(x, y)).ToArray();
        var samples = statistics.Select(_ => new List<double>(resamples)).ToArray();
        if (n >= MinimumPoints)
        {
            var random = new DeterministicRandom(seed, ResampleStream);
            var bx = new double[n];
            var by = new double[n];
            for (var r = 0; r < resamples; r++)
            {
                for (var i = 0; i < n; i++)
                {
                    var k = random.NextInt(n);
                    bx[i] = x[k];
                    by[i] = y[k];
                }

                for (var s = 0; s < statistics.Length; s++)
                {
                    if (estimates[s] is not null && statistics[s](bx, by) is { } value)
                    {
                        samples[s].Add(value);
                    }
                }
            }
        }

        var tail = (1 - confidence) / 2;
        IntervalEstimate? Estimate(int s)
        {
            if (estimates[s] is not { } value)
            {
                return null;
            }

            var sorted = samples[s];
            sorted.Sort();
            return sorted.Count == 0
                ? new IntervalEstimate(value, null, null, 0)
                : new IntervalEstimate(value, ScoreDistribution.Quantile(sorted, tail), ScoreDistribution.Quantile(sorted, 1 - tail), sorted.Count);
        }

        return new RelationFit(n, Estimate(0), Estimate(1), Estimate(2), confidence, resamples, seed);
    }

    /// <summary>Least-squares slope of y on x, Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²; null when x is constant or there are fewer than two points.</summary>
    public static double? LeastSquaresSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2)
        {
            return null;
        }

        double meanX = x.Average(), meanY = y.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }

        return sxx == 0 ? null : sxy / sxx;
    }

    /// <summary>Pearson's r (see <see cref="MqmAgreement.Pearson"/>); null with fewer than two points or a constant side.</summary>
    public static double? PearsonR(IReadOnlyList<double> x, IReadOnlyList<double> y) => MqmAgreement.Pearson(x, y);

    /// <summary>Spearman's ρ (see <see cref="MqmAgreement.Spearman"/>: average ranks for ties); null with fewer than two points or a constant side.</summary>
    public static double? SpearmanRho(IReadOnlyList<double> x, IReadOnlyList<double> y) => MqmAgreement.Spearman(x, y);
}
