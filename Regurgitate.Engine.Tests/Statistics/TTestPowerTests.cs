using MathNet.Numerics.Distributions;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Tests.Statistics;

/// <summary>
/// Known values are R's <c>power.t.test</c> (sd 1, sig.level 0.05; its default strict = FALSE counts only the upper
/// rejection region), each also recomputed here from the definition by <see cref="NoncentralTQuadrature"/>.
/// </summary>
public sealed class TTestPowerTests
{
    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>Power from the definition, by quadrature instead of the series.</summary>
    private static double PowerByQuadrature(double df, double ncp, bool strict)
    {
        var critical = StudentT.InvCDF(0, 1, df, 0.975);
        var upper = 1 - NoncentralTQuadrature.Cdf(critical, df, ncp);
        return strict ? upper + NoncentralTQuadrature.Cdf(-critical, df, ncp) : upper;
    }

    [Fact]
    public void Two_sample_power_matches_r_power_t_test_n_20_delta_1()
    {
        // power.t.test(n = 20, delta = 1) = 0.8689528: ν = 38, noncentrality √10.
        var power = TTestPower.Power(20, 1, TTestDesign.TwoSample, strict: false);

        Assert.Equal(0.8689528, power, 7);
        Assert.Equal(PowerByQuadrature(38, Math.Sqrt(10), strict: false), power, 10);
    }

    [Fact]
    public void Strict_power_adds_the_wrong_side_rejections_and_nothing_else()
    {
        var lenient = TTestPower.Power(20, 1, TTestDesign.TwoSample, strict: false);
        var strict = TTestPower.Power(20, 1, TTestDesign.TwoSample);
        var wrongSide = NoncentralTQuadrature.Cdf(-StudentT.InvCDF(0, 1, 38, 0.975), 38, Math.Sqrt(10));

        Assert.InRange(wrongSide, 1e-7, 1e-6); // 2.26e-7: small, but strictly part of a two-sided test's power
        Assert.Equal(wrongSide, strict - lenient, 12);
        Assert.Equal(PowerByQuadrature(38, Math.Sqrt(10), strict: true), strict, 10);
    }

    [Fact]
    public void Paired_power_matches_r_power_t_test_one_sample_n_20_delta_1()
    {
        // power.t.test(n = 20, delta = 1, sd = 1, type = "one.sample") = 0.9885913: ν = 19, noncentrality √20; the wrong
        // side adds 2.3e-10, below the printed digits.
        var power = TTestPower.Power(20, 1, TTestDesign.Paired);

        Assert.Equal(0.9885913, power, 7);
        Assert.Equal(PowerByQuadrature(19, Math.Sqrt(20), strict: true), power, 10);
        Assert.Equal(power, TTestPower.Power(20, -1, TTestDesign.Paired), 15);
    }

    [Fact]
    public void Two_sample_size_for_90_percent_power_matches_r_power_t_test_delta_1()
    {
        // power.t.test(delta = 1, power = 0.9) gives n = 22.02110, found by uniroot with tolerance ε^¼ ≈ 1.2e-4: only
        // its first four decimals are settled. Ours solves to 1e-10, so its power is 0.9 to many more digits.
        var n = TTestPower.SampleSize(1, TTestDesign.TwoSample, power: 0.9, strict: false);

        Assert.NotNull(n);
        Assert.Equal(22.02110, n.Value, 3);
        Assert.Equal(0.9, TTestPower.Power(n.Value, 1, TTestDesign.TwoSample, strict: false), 9);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(10_000.0)]
    [InlineData(1_000_000.0)]
    public void For_many_pairs_the_power_approaches_the_normal_approximation(double n)
    {
        // With ν → ∞ the t statistic is normal: power = Φ(λ − z) + Φ(−λ − z), z = z_{0.975}. Keep λ = 2.5 fixed.
        var effect = 2.5 / Math.Sqrt(n);
        var normal = Normal.CDF(0, 1, 2.5 - Z975) + Normal.CDF(0, 1, -2.5 - Z975);

        var gap = Math.Abs(TTestPower.Power(n, effect) - normal);

        Assert.True(gap < 2.0 / n, $"n = {n}: t-test power differs from the normal approximation by {gap}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(20)]
    public void The_minimal_detectable_effect_has_exactly_the_target_power(int n)
    {
        var effect = TTestPower.MinimalDetectableEffect(n);

        Assert.Equal(0.8, PowerByQuadrature(n - 1, effect * Math.Sqrt(n), strict: true), 8);
        Assert.True(effect > (Z975 + Normal.InvCDF(0, 1, 0.8)) / Math.Sqrt(n), "a t-test needs more than the normal approximation's effect");
    }

    [Fact]
    public void The_minimal_detectable_effect_shrinks_like_one_over_root_n()
    {
        var normalLimit = Z975 + Normal.InvCDF(0, 1, 0.8); // 2.8016

        Assert.Equal(normalLimit, TTestPower.MinimalDetectableEffect(1_000_000) * 1_000, 3);
        Assert.True(TTestPower.MinimalDetectableEffect(2) > TTestPower.MinimalDetectableEffect(3));
    }

    [Theory]
    [InlineData(1.0, 10)] // power.t.test(delta = 1, power = 0.8, type = "one.sample"): n = 9.94
    [InlineData(0.5, 34)] // … delta = 0.5: n = 33.37
    public void The_smallest_sample_size_is_the_first_whole_n_with_enough_power(double effect, int expected)
    {
        var n = TTestPower.SmallestSampleSize(effect, cap: 1_000);

        Assert.Equal(expected, n);
        Assert.True(PowerByQuadrature(expected - 1, effect * Math.Sqrt(expected - 1), strict: true) < 0.8);
        Assert.True(PowerByQuadrature(expected, effect * Math.Sqrt(expected), strict: true) >= 0.8);
        Assert.Equal(Math.Ceiling(TTestPower.SampleSize(effect)!.Value), expected);
    }

    [Fact]
    public void Sample_sizes_beyond_the_cap_are_reported_as_none_and_huge_effects_need_two()
    {
        Assert.Null(TTestPower.SmallestSampleSize(0.05, cap: 1_000)); // the normal approximation says (2.8016 / 0.05)² ≈ 3,140
        var n = TTestPower.SmallestSampleSize(0.05, cap: 5_000)!.Value;
        Assert.True(PowerByQuadrature(n - 2, 0.05 * Math.Sqrt(n - 1), strict: true) < 0.8);
        Assert.True(PowerByQuadrature(n - 1, 0.05 * Math.Sqrt(n), strict: true) >= 0.8);
        Assert.Equal(2, TTestPower.SmallestSampleSize(100, cap: 1_000));
        Assert.Null(TTestPower.SampleSize(1e-6));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TTestPower.Power(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TTestPower.Power(5, 1, alpha: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TTestPower.MinimalDetectableEffect(5, power: 0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => TTestPower.SmallestSampleSize(0, cap: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TTestPower.SmallestSampleSize(1, cap: 1));
    }
}
