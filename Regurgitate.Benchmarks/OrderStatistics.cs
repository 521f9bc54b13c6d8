using System.Globalization;

namespace Regurgitate.Benchmarks;

/// <summary>Order statistics of a handful of measurements, as the dispatch and training-speed benchmarks print them.</summary>
internal static class OrderStatistics
{
    /// <summary>Nearest-rank percentile (0..100) of <paramref name="values"/>; the median of an even count is the mean of the middle two.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        if (percent == 50 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>e.g. "median 0.62 s (0.21-1.05 s, n 10)".</summary>
    public static string MedianAndRange(IReadOnlyList<double> seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"median {Percentile(seconds, 50):F2} s ({seconds.Min():F2}-{seconds.Max():F2} s, n {seconds.Count})");

    /// <summary>e.g. "median 0.62 s, p95 0.98 s, max 1.05 s (n 900)".</summary>
    public static string MedianP95Max(IReadOnlyList<double> seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"median {Percentile(seconds, 50):F2} s, p95 {Percentile(seconds, 95):F2} s, max {seconds.Max():F2} s (n {seconds.Count})");
}
