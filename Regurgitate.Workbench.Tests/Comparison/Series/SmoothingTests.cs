using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Workbench.Tests.Comparison.Series;

public sealed class SmoothingTests
{
    [Fact]
    public void Ema_matches_tensorboards_debiased_formula_by_hand()
    {
        // w = 0.6: last = 0.4, 1.04, 1.824; debias = 0.4, 0.64, 0.784.
        var smoothed = Smoothing.Ema([1, 2, 3], 0.6);

        Assert.Equal(1.0, smoothed[0], 12);
        Assert.Equal(1.04 / 0.64, smoothed[1], 12);
        Assert.Equal(1.824 / 0.784, smoothed[2], 12);
    }

    [Fact]
    public void Ema_passes_non_finite_values_through_without_counting_them()
    {
        // w = 0.5: the NaN is kept and skipped, so the third point is the second accumulated one (debias 1 - 0.25).
        var smoothed = Smoothing.Ema([1, double.NaN, 3, double.PositiveInfinity], 0.5);

        Assert.Equal(1.0, smoothed[0], 12);
        Assert.True(double.IsNaN(smoothed[1]));
        Assert.Equal((0.5 * 0.5 + 0.5 * 3) / 0.75, smoothed[2], 12);
        Assert.Equal(double.PositiveInfinity, smoothed[3]);
    }

    [Fact]
    public void Ema_leaves_constant_series_and_zero_weight_unchanged()
    {
        Assert.Equal([0.1, 0.1, 0.1], Smoothing.Ema([0.1, 0.1, 0.1], 0.9));
        Assert.Equal([3.0, 1.0, 2.0], Smoothing.Ema([3, 1, 2], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.Ema([1], 1.5));
    }

    [Fact]
    public void Ema_of_a_long_noisy_series_follows_the_recurrence_exactly()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 500).Select(i => 5.0 / (1 + i) + random.NextDouble()).ToArray();
        var smoothed = Smoothing.Ema(values, 0.95);

        double last = 0;
        for (var i = 0; i < values.Length; i++)
        {
            last = last * 0.95 + 0.05 * values[i];
            Assert.Equal(last / (1 - Math.Pow(0.95, i + 1)), smoothed[i], 10);
        }
    }

    [Fact]
    public void Gaussian_uses_a_truncated_kernel_renormalised_at_the_edges()
    {
        var smoothed = Smoothing.Gaussian([0, 0, 3, 0, 0], 1);
        double k1 = Math.Exp(-0.5), k2 = Math.Exp(-2), k3 = Math.Exp(-4.5);

        Assert.Equal(3 / (1 + 2 * k1 + 2 * k2), smoothed[2], 12);
        Assert.Equal(3 * k2 / (1 + k1 + k2 + k3), smoothed[0], 12);
        Assert.Equal(smoothed[1], smoothed[3], 12);
        Assert.Equal([2.0, 2.0, 2.0, 2.0], Smoothing.Gaussian([2, 2, 2, 2], 3).Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Running_mean_is_centred_and_shrinks_at_the_ends()
    {
        Assert.Equal([1.5, 2.0, 5.0, 6.5], Smoothing.RunningMean([1, 2, 3, 10], 3));
        Assert.Equal([1.0, 2.0], Smoothing.RunningMean([1, 2], 1));
    }

    [Fact]
    public void Apply_dispatches_on_the_kind_and_copies_for_none()
    {
        double[] values = [1, 2, 3];
        var copy = Smoothing.Apply(values, SmoothingOptions.None);

        Assert.Equal(values, copy);
        Assert.NotSame(values, copy);
        Assert.Equal(Smoothing.Ema(values, 0.6), Smoothing.Apply(values, SmoothingOptions.DefaultEma));
        Assert.Equal(Smoothing.RunningMean(values, 3), Smoothing.Apply(values, new SmoothingOptions(SmoothingKind.RunningMean, 3)));
    }
}
