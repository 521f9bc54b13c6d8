using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// Reference-free score from the error signals of <see cref="ErrorSignals.Compute"/> (German source, English target):
/// <code>
/// score = −(number of flags among Empty, Untranslated, Omission, Addition, NumberMismatch, NameMismatch, Loop, NonEnglish)
///         − min(|ln LengthRatio|, ln 10)
///         − CopiedShare
/// </code>
/// The flags dominate (each costs 1); the two continuous terms grade pairs with the same flags, so a clean pair whose
/// length matches its source ranks above a clean pair twice as long, and a few copied words cost a little. The length
/// term is capped at ln 10 (≈ 2.3) so one extreme ratio cannot outweigh several flags; an empty target (ratio 0)
/// takes the cap. At most 0 (a clean pair of the source's length with nothing copied). Null when the source is empty
/// or whitespace only: without a source there is nothing to judge the target against.
/// </summary>
public sealed class ErrorSignalScorer : IQualityScorer
{
    /// <summary>Upper bound of the length term, |ln 10|.</summary>
    public static readonly double MaxLengthPenalty = Math.Log(10);

    private readonly ErrorSignalOptions options;

    /// <param name="options">Thresholds of the flags; the analysis defaults when null.</param>
    public ErrorSignalScorer(ErrorSignalOptions? options = null)
    {
        this.options = options ?? new ErrorSignalOptions();
    }

    public string Name => QualityScorerNames.Signals;

    public bool IsOracle => false;

    /// <summary>The score of one pair's signals (see the class summary for the formula).</summary>
    public static double Score(PairErrorSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var flags = Count(signals.Empty) + Count(signals.Untranslated) + Count(signals.Omission) + Count(signals.Addition)
            + Count(signals.NumberMismatch) + Count(signals.NameMismatch) + Count(signals.Loop) + Count(signals.NonEnglish);
        var length = signals.LengthRatio > 0 ? Math.Min(Math.Abs(Math.Log(signals.LengthRatio)), MaxLengthPenalty) : MaxLengthPenalty;
        return -flags - length - signals.CopiedShare;
    }

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken) =>
        PairwiseScoring.RunAsync(
            inputs,
            input => string.IsNullOrWhiteSpace(input.Source) ? null : Score(ErrorSignals.Compute(input.Source, input.Target, options)),
            progress,
            cancellationToken);

    private static int Count(bool flag) => flag ? 1 : 0;
}
