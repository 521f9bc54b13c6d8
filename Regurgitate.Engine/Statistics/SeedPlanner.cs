namespace Regurgitate.Engine.Statistics;

/// <summary>
/// Plans seeds for comparing conditions by a paired, two-sided t-test over seeds: seed k of a condition and seed k of
/// the reference share their data draw, so the test is on the per-seed differences d_k, whose standard deviation σ
/// decides everything. σ is estimated from the seeds run so far (the pilot), pooled over the comparisons:
/// σ̂² = Σ_c Σ_k (d_ck − d̄_c)² / Σ_c (n_c − 1). The plan then treats σ̂ as the true σ, so it is itself uncertain —
/// with few pilot seeds, σ̂ (and every number derived from it) can be far off.
/// </summary>
public static class SeedPlanner
{
    public const double Alpha = 0.05;

    public const double TargetPower = 0.8;

    /// <summary>Plans beyond this many seeds answer "more than" instead of a number.</summary>
    public const int MaxSeeds = 1_000;

    /// <summary>The pooled standard deviation of several groups of paired differences and its degrees of freedom Σ(n_c − 1); groups of one add nothing.</summary>
    public static (double StandardDeviation, int DegreesOfFreedom) PooledStandardDeviation(IEnumerable<IReadOnlyList<double>> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var squares = 0.0;
        var df = 0;
        foreach (var group in differences.Where(g => g.Count > 1))
        {
            var mean = group.Average();
            squares += group.Sum(d => (d - mean) * (d - mean));
            df += group.Count - 1;
        }

        return df == 0 ? (double.NaN, 0) : (Math.Sqrt(squares / df), df);
    }

    /// <summary>
    /// The plan at <paramref name="seeds"/> seeds from σ̂ with <paramref name="degreesOfFreedom"/>, for resolving
    /// <paramref name="difference"/>. Needs at least 2 seeds and a positive σ̂ (with σ̂ = 0 any difference would look
    /// certain, which only says the pilot was too small to see the spread).
    /// </summary>
    public static SeedPlan Plan(int seeds, double standardDeviation, int degreesOfFreedom, double difference)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), $"Planning needs a positive, finite standard deviation of the differences (got {standardDeviation}).");
        }

        if (!(difference > 0) || !double.IsFinite(difference))
        {
            throw new ArgumentOutOfRangeException(nameof(difference), $"The difference to resolve must be a positive number (got {difference}).");
        }

        var detectable = standardDeviation * TTestPower.MinimalDetectableEffect(seeds, TTestDesign.Paired, TargetPower, Alpha);
        var needed = TTestPower.SmallestSampleSize(difference / standardDeviation, MaxSeeds, TTestDesign.Paired, TargetPower, Alpha);
        return new SeedPlan(seeds, standardDeviation, degreesOfFreedom, detectable, difference, needed, Alpha, TargetPower);
    }
}
