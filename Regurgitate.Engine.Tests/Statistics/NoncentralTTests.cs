using MathNet.Numerics.Distributions;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Tests.Statistics;

public sealed class NoncentralTTests
{
    public static TheoryData<double, double, double> Points => new()
    {
        { 2.024394164, 38, Math.Sqrt(10) },
        { -2.024394164, 38, Math.Sqrt(10) },
        { 2.093024054, 19, Math.Sqrt(20) },
        { 12.70620474, 1, 3 },
        { -1.5, 1, -2 },
        { 0.7, 2, 0.3 },
        { 5, 5, 8 },
        { -0.5, 5, 1 },
        { 3, 200, 10 },
        { 30, 60, 30 },
        { 1.2, 4, -0.4 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void The_series_agrees_with_direct_integration_over_the_chi_distribution(double t, double nu, double delta)
    {
        Assert.Equal(NoncentralTQuadrature.Cdf(t, nu, delta), NoncentralT.Cdf(t, nu, delta), 1e-10);
    }

    [Theory]
    [InlineData(-3.0, 3.0)]
    [InlineData(0.4, 1.0)]
    [InlineData(2.5, 30.0)]
    public void Without_noncentrality_it_is_the_central_t(double t, double nu)
    {
        Assert.Equal(StudentT.CDF(0, 1, nu, t), NoncentralT.Cdf(t, nu, 0), 1e-14);
        Assert.Equal(StudentT.CDF(0, 1, nu, t), NoncentralT.Cdf(t, nu, 1e-9), 1e-8);
    }

    [Fact]
    public void At_zero_it_is_the_normal_tail_and_at_the_ends_zero_and_one()
    {
        Assert.Equal(Normal.CDF(0, 1, -1.7), NoncentralT.Cdf(0, 7, 1.7), 1e-15);
        Assert.Equal(0.0, NoncentralT.Cdf(double.NegativeInfinity, 7, 1.7));
        Assert.Equal(1.0, NoncentralT.Cdf(double.PositiveInfinity, 7, 1.7));
    }

    [Fact]
    public void A_large_noncentrality_neither_underflows_nor_loses_its_mass()
    {
        // e^(−δ²/2) underflows beyond δ ≈ 38.6; starting at the Poisson mode keeps the sum exact. With ν = 10⁴ the
        // t statistic is nearly normal, so P(T' ≤ δ) is close to ½ and P(T' ≤ δ − 3) close to Φ(−3).
        Assert.Equal(NoncentralTQuadrature.Cdf(60, 10_000, 60), NoncentralT.Cdf(60, 10_000, 60), 1e-9);
        Assert.Equal(NoncentralTQuadrature.Cdf(57, 10_000, 60), NoncentralT.Cdf(57, 10_000, 60), 1e-9);
        Assert.InRange(NoncentralT.Cdf(57, 10_000, 60), 0.0005, 0.005);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NoncentralT.Cdf(1, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoncentralT.Cdf(double.NaN, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoncentralT.Cdf(1, 3, double.PositiveInfinity));
    }
}
