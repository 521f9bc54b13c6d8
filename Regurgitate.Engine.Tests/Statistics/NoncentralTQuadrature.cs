using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace Regurgitate.Engine.Tests.Statistics;

/// <summary>
/// A second, independent way to the noncentral t CDF, for checking the series: by definition T' = (Z + δ)/S with
/// S = √(V/ν), V ~ χ²_ν, so P(T' ≤ t) = E[Φ(tS − δ)] = ∫₀^∞ Φ(ts − δ) f_S(s) ds, with the density of S,
/// f_S(s) = 2νs · f_χ²(νs²). Integrated by composite Gauss–Legendre on many short pieces (both factors are smooth),
/// out to where the chi-squared tail is far below double precision.
/// </summary>
internal static class NoncentralTQuadrature
{
    public static double Cdf(double t, double nu, double delta)
    {
        var logNormalizer = Math.Log(2 * nu) - (nu / 2) * Math.Log(2) - SpecialFunctions.GammaLn(nu / 2);
        double Density(double s)
        {
            if (s <= 0)
            {
                return 0;
            }

            var v = nu * s * s;
            return Math.Exp(logNormalizer + Math.Log(s) + (nu / 2 - 1) * Math.Log(v) - v / 2);
        }

        var upper = Math.Sqrt((nu + 60 * Math.Sqrt(2 * nu) + 200) / nu);
        const int pieces = 2_000;
        var width = upper / pieces;
        var total = 0.0;
        for (var i = 0; i < pieces; i++)
        {
            total += GaussLegendreRule.Integrate(s => Normal.CDF(0, 1, t * s - delta) * Density(s), i * width, (i + 1) * width, 16);
        }

        return total;
    }
}
