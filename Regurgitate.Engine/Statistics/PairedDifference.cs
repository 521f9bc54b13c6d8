namespace Regurgitate.Engine.Statistics;

/// <summary>
/// One condition minus another in corpus score (e.g. BLEU points), paired by seed.
/// </summary>
/// <param name="Estimate">Mean over seeds of the per-seed differences (equal to the difference of the two means over seeds).</param>
/// <param name="Bootstrap">Percentile interval from the hierarchical bootstrap (seeds, then test segments within each seed).</param>
/// <param name="StudentT">t-interval over the per-seed differences (it ignores test-set sampling); null with one seed.</param>
/// <param name="Seeds">Number of seeds the two conditions share.</param>
public sealed record PairedDifference(double Estimate, ConfidenceInterval Bootstrap, ConfidenceInterval? StudentT, int Seeds)
{
    /// <summary>
    /// Fewest seeds for which the intervals mean something. With two seeds the bootstrap can only redraw those two (half
    /// of all resamples repeat one of them, so the spread between seeds is understated) and t has one degree of freedom
    /// (t<sub>0.975,1</sub> = 12.7, with an sd estimated from one difference).
    /// </summary>
    public const int MinimumSeeds = 3;

    public bool IntervalsMeaningful => Seeds >= MinimumSeeds;
}
