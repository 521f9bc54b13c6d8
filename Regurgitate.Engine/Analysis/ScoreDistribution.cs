namespace Regurgitate.Engine.Analysis;

/// <summary>
/// The distribution of one sentence-level score over a dataset, so error analyses show the spread and the tail, not
/// just the mean: mean, standard deviation, quantiles (linear interpolation between order statistics, NumPy's
/// default), a fixed-bin histogram and the share of sentences on the error side of a threshold.
/// </summary>
public sealed record ScoreDistribution
{
    /// <summary>Quantile levels reported in <see cref="Quantiles"/>.</summary>
    public static IReadOnlyList<double> Levels { get; } = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

    public required string Metric { get; init; }
    public required int Count { get; init; }
    public required double Mean { get; init; }
    public required double StandardDeviation { get; init; }

    /// <summary>Values at <see cref="Levels"/>, in that order.</summary>
    public required IReadOnlyList<double> Quantiles { get; init; }
    public required IReadOnlyList<HistogramBin> Histogram { get; init; }
    public required double Threshold { get; init; }

    /// <summary>True when scores above the threshold are errors (TER), false when scores below it are (BLEU, chrF).</summary>
    public required bool HigherIsWorse { get; init; }

    /// <summary>Share of sentences on the error side of <see cref="Threshold"/> (strictly below, or strictly above for TER).</summary>
    public required double ErrorRate { get; init; }

    public double Median => Quantiles[3];

    /// <summary>Builds the distribution; bins of <paramref name="binWidth"/> from <paramref name="low"/> up to <paramref name="high"/>, the last bin open-ended.</summary>
    public static ScoreDistribution Create(
        string metric, IReadOnlyList<double> values, double threshold, bool higherIsWorse, double low = 0, double high = 100, double binWidth = 10)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (binWidth <= 0 || high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(binWidth), "Need binWidth > 0 and high > low.");
        }

        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var mean = n == 0 ? double.NaN : sorted.Average();
        var variance = n < 2 ? 0 : sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var binCount = (int)Math.Ceiling((high - low) / binWidth);
        var counts = new int[binCount];
        var errors = 0;
        foreach (var v in sorted)
        {
            var bin = (int)Math.Floor((v - low) / binWidth);
            counts[Math.Clamp(bin, 0, binCount - 1)]++;
            if (higherIsWorse ? v > threshold : v < threshold)
            {
                errors++;
            }
        }

        return new ScoreDistribution
        {
            Metric = metric,
            Count = n,
            Mean = mean,
            StandardDeviation = Math.Sqrt(variance),
            Quantiles = Levels.Select(q => Quantile(sorted, q)).ToArray(),
            Histogram = counts.Select((c, k) => new HistogramBin(low + (k * binWidth), Math.Min(high, low + ((k + 1) * binWidth)), c)).ToArray(),
            Threshold = threshold,
            HigherIsWorse = higherIsWorse,
            ErrorRate = n == 0 ? 0 : (double)errors / n,
        };
    }

    /// <summary>NumPy's default ("linear") quantile of sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
