using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Evaluation.Significance;

/// <summary>One system's hypotheses scored by several metrics (the same metrics, in the same order, for every system).</summary>
public sealed record PairedSystem(string Name, IReadOnlyList<SegmentStatistics> Metrics);

/// <summary>
/// One cell of sacreBLEU's significance table. <see cref="PValue"/> is null for the baseline; <see cref="Mean"/> and
/// <see cref="ConfidenceHalfWidth"/> (half the width of the 95% interval, sacreBLEU's "±") are null when no bootstrap
/// was run (approximate randomization). <see cref="DifferenceInterval"/> is the 95% percentile interval of the resampled
/// paired differences system − baseline (bootstrap only, null for the baseline), so that a p-value can be shown beside
/// the size of the difference it is about.
/// </summary>
public sealed record PairedMetricResult(double Score, double? PValue, double? Mean, double? ConfidenceHalfWidth, ConfidenceInterval? DifferenceInterval = null)
{
    /// <summary>sacreBLEU's asterisk: significant at p &lt; 0.05.</summary>
    public bool IsSignificant => PairedResultText.IsSignificant(PValue);
}

public sealed record PairedSystemResult(string Name, IReadOnlyList<PairedMetricResult> Metrics);

public enum PairedTestKind
{
    /// <summary>Paired bootstrap resampling (sacreBLEU <c>--paired-bs</c>), signature field <c>bs</c>.</summary>
    Bootstrap,

    /// <summary>Paired approximate randomization (sacreBLEU <c>--paired-ar</c>), signature field <c>ar</c>.</summary>
    ApproximateRandomization,
}

/// <summary>The outcome of a paired test: the first system is the baseline.</summary>
public sealed record PairedTestReport(
    PairedTestKind Kind,
    int Samples,
    ulong? Seed,
    IReadOnlyList<string> MetricNames,
    IReadOnlyList<string> Signatures,
    IReadOnlyList<PairedSystemResult> Systems);
