using StudentTDistribution = MathNet.Numerics.Distributions.StudentT;

namespace Regurgitate.Engine.Statistics;

/// <summary>A two-sided confidence interval, from bootstrap percentiles or from Student's t.</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>Confidence level used everywhere unless a caller asks otherwise.</summary>
    public const double DefaultLevel = 0.95;

    public bool ExcludesZero => Lower > 0 || Upper < 0;

    /// <summary>
    /// The percentile interval of bootstrap samples: with k = ⌊N · (1 − level) / 2⌋, the (k+1)-th smallest and the
    /// (k+1)-th largest sample, so that exactly k samples lie beyond each bound (for N = 1,000 at 95 %: 25 on each side).
    /// Infinite samples are allowed and sort to the ends.
    /// </summary>
    public static ConfidenceInterval Percentile(IReadOnlyCollection<double> samples, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckLevel(level);
        if (samples.Count == 0 || samples.Any(double.IsNaN))
        {
            throw new ArgumentException("A percentile interval needs at least one sample and no NaN.", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        var beyond = (int)Math.Floor(sorted.Length * (1 - level) / 2);
        return new ConfidenceInterval(sorted[beyond], sorted[^(beyond + 1)]);
    }

    /// <summary>
    /// mean ± t<sub>(1+level)/2, n−1</sub> · sd / √n over <paramref name="values"/> (sd with n − 1); null for fewer than
    /// two values, where no spread can be estimated.
    /// </summary>
    public static ConfidenceInterval? StudentT(IReadOnlyList<double> values, double level = DefaultLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckLevel(level);
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var halfWidth = StudentTDistribution.InvCDF(0, 1, values.Count - 1, (1 + level) / 2) * sd / Math.Sqrt(values.Count);
        return new ConfidenceInterval(mean - halfWidth, mean + halfWidth);
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1.");
        }
    }
}
