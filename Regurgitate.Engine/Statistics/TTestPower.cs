using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace Regurgitate.Engine.Statistics;

/// <summary>
/// Power and sample size of a two-sided t-test at level α, from the noncentral t distribution (see
/// <see cref="NoncentralT"/>): with ν degrees of freedom, noncentrality λ and critical value c = t_{1−α/2, ν},
/// power = P(T' &gt; c) + P(T' &lt; −c). The second term is the chance of rejecting on the wrong side; it is part of the
/// power of the two-sided test (R's <c>power.t.test(strict = TRUE)</c>), while R's default (<c>strict = FALSE</c>) drops
/// it. <c>strict: false</c> gives R's default. Effects are standardized: the difference divided by σ.
/// </summary>
public static class TTestPower
{
    /// <summary>Sample sizes are searched up to this (as R's <c>power.t.test</c> does).</summary>
    public const double MaxSampleSize = 1e7;

    private const double RootAccuracy = 1e-10;

    /// <param name="n">Pairs (paired) or observations per group (two-sample); more than 1, need not be whole.</param>
    /// <param name="standardizedEffect">True difference over σ; its sign does not matter.</param>
    public static double Power(double n, double standardizedEffect, TTestDesign design = TTestDesign.Paired, double alpha = 0.05, bool strict = true)
    {
        Validate(n, alpha);
        if (!double.IsFinite(standardizedEffect))
        {
            throw new ArgumentOutOfRangeException(nameof(standardizedEffect), $"The standardized effect must be a finite number (got {standardizedEffect}).");
        }

        var (df, ncp) = design == TTestDesign.Paired
            ? (n - 1, Math.Abs(standardizedEffect) * Math.Sqrt(n))
            : (2 * (n - 1), Math.Abs(standardizedEffect) * Math.Sqrt(n / 2));
        var critical = StudentT.InvCDF(0, 1, df, 1 - alpha / 2);
        var upper = 1 - NoncentralT.Cdf(critical, df, ncp);
        return strict ? upper + NoncentralT.Cdf(-critical, df, ncp) : upper;
    }

    /// <summary>The smallest standardized effect detected with the given power at sample size n.</summary>
    public static double MinimalDetectableEffect(double n, TTestDesign design = TTestDesign.Paired, double power = 0.8, double alpha = 0.05, bool strict = true)
    {
        Validate(n, alpha);
        ValidatePower(power, alpha);
        var upper = 1.0;
        while (Power(n, upper, design, alpha, strict) < power)
        {
            upper *= 2;
        }

        return Brent.FindRoot(e => Power(n, e, design, alpha, strict) - power, 0, upper, RootAccuracy);
    }

    /// <summary>
    /// The sample size, not rounded, at which the standardized effect is detected with the given power (what R's
    /// <c>power.t.test</c> reports); null when more than <see cref="MaxSampleSize"/> would be needed.
    /// </summary>
    public static double? SampleSize(double standardizedEffect, TTestDesign design = TTestDesign.Paired, double power = 0.8, double alpha = 0.05, bool strict = true)
    {
        ValidateEffect(standardizedEffect);
        ValidatePower(power, alpha);
        double Shortfall(double n) => Power(n, standardizedEffect, design, alpha, strict) - power;
        if (Shortfall(2) >= 0)
        {
            return 2;
        }

        // Double until the power suffices, so that the root search never evaluates sizes far beyond the answer.
        double lower = 2, upper = 4;
        while (Shortfall(upper) < 0)
        {
            if (upper >= MaxSampleSize)
            {
                return null;
            }

            lower = upper;
            upper = Math.Min(2 * upper, MaxSampleSize);
        }

        return Brent.FindRoot(Shortfall, lower, upper, RootAccuracy, 1_000);
    }

    /// <summary>
    /// The smallest whole sample size from 2 to <paramref name="cap"/> whose power reaches the target; null when even the
    /// cap falls short.
    /// </summary>
    public static int? SmallestSampleSize(double standardizedEffect, int cap, TTestDesign design = TTestDesign.Paired, double power = 0.8, double alpha = 0.05, bool strict = true)
    {
        ValidateEffect(standardizedEffect);
        ValidatePower(power, alpha);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 2);
        bool Enough(int n) => Power(n, standardizedEffect, design, alpha, strict) >= power;

        // Double to bracket the answer, then bisect: power grows with n, and no size far beyond the answer is evaluated.
        int low = 1, high = 2; // power(low) falls short (or low is below the smallest size), power(high) is enough
        while (!Enough(high))
        {
            if (high == cap)
            {
                return null;
            }

            low = high;
            high = Math.Min(2 * high, cap);
        }

        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Enough(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    private static void Validate(double n, double alpha)
    {
        if (!(n > 1) || !double.IsFinite(n))
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A t-test needs a sample size above 1 (got {n}).");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"The level α must lie strictly between 0 and 1 (got {alpha}).");
        }
    }

    private static void ValidatePower(double power, double alpha)
    {
        if (!(power > alpha && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), $"The target power must lie strictly between α = {alpha} and 1 (got {power}).");
        }
    }

    private static void ValidateEffect(double standardizedEffect)
    {
        if (!(standardizedEffect > 0) || !double.IsFinite(standardizedEffect))
        {
            throw new ArgumentOutOfRangeException(nameof(standardizedEffect), $"Planning needs a positive, finite standardized effect (got {standardizedEffect}).");
        }
    }
}
