using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Regurgitate.Engine.Statistics;

/// <summary>
/// The cumulative distribution function of the noncentral t distribution, T' = (Z + δ) / √(V/ν) with Z standard
/// normal and V chi-squared with ν degrees of freedom: the distribution of a t statistic when the true effect is not
/// zero, which is what a power calculation needs. MathNet.Numerics has only the central t.
/// <para>
/// For t ≥ 0 it sums the Poisson mixture of incomplete beta functions of Lenth (1989, AS 243):
/// F(t) = Φ(−δ) + ½ Σᵢ [Pᵢ I_x(i + ½, ν/2) + (δ/√2) Qᵢ I_x(i + 1, ν/2)], with x = t²/(ν + t²),
/// Pᵢ = e^(−δ²/2) (δ²/2)ⁱ / i! and Qᵢ = e^(−δ²/2) (δ²/2)ⁱ / Γ(i + 3/2). As Benton and Krishnamoorthy (2003) advise, the
/// sum starts at the Poisson mode and runs outwards in both directions, so large noncentralities neither underflow
/// e^(−δ²/2) nor need thousands of negligible terms; the incomplete beta functions follow by the recurrence
/// I_x(a + 1, b) = I_x(a, b) − Γ(a + b) / (Γ(a + 1) Γ(b)) xᵃ (1 − x)ᵇ. Each direction stops when a geometric bound on the
/// weight it has not yet summed falls below <see cref="Tolerance"/>. For t &lt; 0, F(t; ν, δ) = 1 − F(−t; ν, −δ).
/// </para>
/// </summary>
public static class NoncentralT
{
    /// <summary>Bound on the weight the series leaves out, in each direction.</summary>
    public const double Tolerance = 1e-15;

    private const int MaxTerms = 1_000_000;

    public static double Cdf(double t, double degreesOfFreedom, double noncentrality)
    {
        if (!(degreesOfFreedom > 0) || double.IsNaN(t) || !double.IsFinite(noncentrality))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), $"Needs degrees of freedom > 0, a t that is a number and a finite noncentrality (got ν = {degreesOfFreedom}, t = {t}, δ = {noncentrality}).");
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1.0 : 0.0;
        }

        // δ²/2 underflows for |δ| below about 1e-154: indistinguishable from the central t.
        if (noncentrality * noncentrality / 2 == 0)
        {
            return StudentT.CDF(0, 1, degreesOfFreedom, t);
        }

        return t >= 0
            ? NonNegativeT(t, degreesOfFreedom, noncentrality)
            : 1.0 - NonNegativeT(-t, degreesOfFreedom, -noncentrality);
    }

    private static double NonNegativeT(double t, double nu, double delta)
    {
        var normalPart = Normal.CDF(0, 1, -delta);
        if (t == 0)
        {
            return normalPart;
        }

        var x = t * t / (nu + t * t);
        var logX = Math.Log(x);
        var logOneMinusX = Math.Log(nu / (nu + t * t)); // not 1 − x: that cancels when t² ≪ ν
        var b = nu / 2;
        var logGammaB = SpecialFunctions.GammaLn(b);
        var y = delta * delta / 2;
        var logY = Math.Log(y);
        var c = delta / Math.Sqrt(2);
        var mode = Math.Floor(y);

        // The gap between consecutive incomplete beta functions, I_x(a, b) − I_x(a + 1, b), from logarithms so that it
        // neither underflows nor overflows far from the mode.
        double Gap(double a) => Math.Exp(SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(a + 1) - logGammaB + a * logX + b * logOneMinusX);

        var pMode = Math.Exp(-y + mode * logY - SpecialFunctions.GammaLn(mode + 1));
        var qMode = Math.Exp(-y + mode * logY - SpecialFunctions.GammaLn(mode + 1.5));
        var iHalfMode = SpecialFunctions.BetaRegularized(mode + 0.5, b, x);
        var iWholeMode = SpecialFunctions.BetaRegularized(mode + 1, b, x);

        // Upwards from the mode: the weights shrink by y/(i + 1) and y/(i + 3/2) per step.
        var sum = 0.0;
        double p = pMode, q = qMode, iHalf = iHalfMode, iWhole = iWholeMode;
        for (var i = mode; ; i++)
        {
            sum += p * iHalf + c * q * iWhole;
            iHalf = Math.Max(0, iHalf - Gap(i + 0.5));
            iWhole = Math.Max(0, iWhole - Gap(i + 1));
            p *= y / (i + 1);
            q *= y / (i + 1.5);
            var ratio = y / (i + 2);
            var left = (p * iHalf + Math.Abs(c) * q * iWhole) / (1 - ratio);
            if (left < Tolerance)
            {
                break;
            }

            Guard(i - mode);
        }

        // Downwards from the mode: I_x grows by one gap per step, the weights shrink by i/y and (i + 1/2)/y.
        p = pMode;
        q = qMode;
        iHalf = iHalfMode;
        iWhole = iWholeMode;
        for (var i = mode - 1; i >= 0; i--)
        {
            iHalf = Math.Min(1, iHalf + Gap(i + 0.5));
            iWhole = Math.Min(1, iWhole + Gap(i + 1));
            p *= (i + 1) / y;
            q *= (i + 1.5) / y;
            sum += p * iHalf + c * q * iWhole;
            if (i == 0)
            {
                break;
            }

            // Below i every I_x is at most 1; the weights fall at least as fast as a geometric series of ratio (i + 1/2)/y < 1.
            var left = (p * i / y + Math.Abs(c) * q * (i + 0.5) / y) / (1 - (i + 0.5) / y);
            if (left < Tolerance)
            {
                break;
            }

            Guard(mode - i);
        }

        return Math.Clamp(normalPart + sum / 2, 0.0, 1.0);
    }

    private static void Guard(double terms)
    {
        if (terms > MaxTerms)
        {
            throw new ArithmeticException($"The noncentral t series did not converge within {MaxTerms:N0} terms.");
        }
    }
}
