using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// How runs are compared: sacreBLEU's defaults (1,000 bootstrap resamples, 10,000 approximate-randomization trials,
/// seed 12345) over BLEU and chrF, optionally TER. A record, so equal options make equal cache keys.
/// </summary>
public sealed record ComparisonOptions
{
    public static ComparisonOptions Default { get; } = new();

    /// <summary>Paired bootstrap resamples (sacreBLEU <c>--paired-bs-n</c>).</summary>
    public int Resamples { get; init; } = PairedSignificance.DefaultBootstrapResamples;

    /// <summary>Approximate-randomization trials (sacreBLEU <c>--paired-ar-n</c>).</summary>
    public int Trials { get; init; } = PairedSignificance.DefaultRandomizationTrials;

    /// <summary>Seed of both tests' random draws (sacreBLEU's <c>SACREBLEU_SEED</c>).</summary>
    public ulong Seed { get; init; } = PairedSignificance.DefaultSeed;

    /// <summary>Adds TER (lower is better) after BLEU and chrF; it is the slowest of the three.</summary>
    public bool IncludeTer { get; init; }
}
