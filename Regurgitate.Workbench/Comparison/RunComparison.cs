using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// Paired significance tests of several runs against a baseline on their common test set. <see cref="Rows"/> starts
/// with the baseline; every row has one <see cref="ComparisonScore"/> per entry of <see cref="Metrics"/>.
/// </summary>
public sealed record RunComparison(
    ComparisonOptions Options,
    int Segments,
    IReadOnlyList<ComparisonMetric> Metrics,
    IReadOnlyList<ComparisonRow> Rows)
{
    public ComparisonRow Baseline => Rows[0];
}

/// <summary>
/// A metric of the comparison with its sacreBLEU signatures: the plain corpus signature, and the ones that name the
/// test (<c>nrefs:1|bs:1000|seed:12345|…</c>, <c>nrefs:1|ar:10000|seed:12345|…</c>).
/// </summary>
public sealed record ComparisonMetric(string Name, string Signature, string BootstrapSignature, string RandomizationSignature)
{
    /// <summary>TER counts edits: lower is better.</summary>
    public bool HigherIsBetter => !Name.StartsWith("TER", StringComparison.Ordinal);
}

/// <param name="Run">The run.</param>
/// <param name="IsBaseline">The first row, which every other row is tested against.</param>
/// <param name="IdenticalToBaseline">
/// The run's test translations equal the baseline's line for line. Its p-values are then 1: sacreBLEU's tests give
/// such a copy p = 1/(n+1) (no resample differs by more than the observed zero), which would mark two identical
/// systems as significantly different.
/// </param>
/// <param name="Scores">One per metric of the comparison.</param>
public sealed record ComparisonRow(ComparedRun Run, bool IsBaseline, bool IdenticalToBaseline, IReadOnlyList<ComparisonScore> Scores);

/// <summary>
/// One run's result on one metric: the corpus score, the paired bootstrap's mean and 95% half-width, the p-values
/// of both tests against the baseline, and the difference from the baseline's corpus score with the 95% percentile
/// interval of the paired bootstrap's resampled differences (all four null for the baseline itself).
/// </summary>
public sealed record ComparisonScore(
    double Score,
    double Mean,
    double HalfWidth,
    double? BootstrapPValue,
    double? RandomizationPValue,
    double? Difference = null,
    ConfidenceInterval? DifferenceInterval = null)
{
    /// <summary>The paired bootstrap finds the difference to the baseline significant (p &lt; 0.05), sacreBLEU's asterisk.</summary>
    public bool IsSignificant => PairedResultText.IsSignificant(BootstrapPValue);

    public bool IsRandomizationSignificant => PairedResultText.IsSignificant(RandomizationPValue);
}
