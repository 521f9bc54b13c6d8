using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Tests.Statistics;

public sealed class ConfidenceIntervalTests
{
    [Fact]
    public void The_t_interval_of_one_two_three_is_two_plus_minus_t_times_sd_over_root_three()
    {
        var interval = ConfidenceInterval.StudentT([1.0, 2.0, 3.0])!.Value;

        // mean 2, sd 1, t(0.975, 2 df) = 4.302652729911275 (scipy.stats.t.ppf(0.975, 2)).
        var halfWidth = 4.302652729911275 * 1.0 / Math.Sqrt(3);
        Assert.Equal(2 - halfWidth, interval.Lower, 9);
        Assert.Equal(2 + halfWidth, interval.Upper, 9);
        Assert.Null(ConfidenceInterval.StudentT([5.0]));
    }

    [Fact]
    public void The_percentile_interval_leaves_the_same_number_of_samples_beyond_each_bound()
    {
        // 0..999 shuffled: at 95 % exactly 25 samples lie below the lower bound and 25 above the upper one.
        double[] samples = [.. Enumerable.Range(0, 1000).Select(i => (double)((i * 7919) % 1000))];

        var interval = ConfidenceInterval.Percentile(samples);

        Assert.Equal(new ConfidenceInterval(25, 974), interval);
        Assert.Equal(new ConfidenceInterval(1, 2), ConfidenceInterval.Percentile([double.NegativeInfinity, 2, 1, double.PositiveInfinity], 0.5));
        Assert.Throws<ArgumentException>(() => ConfidenceInterval.Percentile([1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceInterval.Percentile([1.0], 1.0));
    }
}
