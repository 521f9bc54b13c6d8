namespace Regurgitate.Engine.Statistics;

/// <summary>Which t-test a power calculation is for.</summary>
public enum TTestDesign
{
    /// <summary>
    /// One sample of n values, or n paired differences (seed k of two conditions): ν = n − 1, noncentrality (δ/σ)·√n,
    /// with σ the standard deviation of the differences.
    /// </summary>
    Paired,

    /// <summary>Two independent groups of n each with a common σ: ν = 2(n − 1), noncentrality (δ/σ)·√(n/2).</summary>
    TwoSample,
}
