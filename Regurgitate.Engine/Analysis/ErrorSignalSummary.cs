namespace Regurgitate.Engine.Analysis;

/// <summary>Share of pairs with each reference-free error flag (see <see cref="ErrorSignals"/>) over a set of pairs.</summary>
public sealed record ErrorSignalSummary(
    int Pairs,
    double EmptyRate,
    double UntranslatedRate,
    double OmissionRate,
    double AdditionRate,
    double NumberMismatchRate,
    double NameMismatchRate,
    double LoopRate,
    double NonEnglishRate,
    double AnyRate,
    double MedianLengthRatio)
{
    public static ErrorSignalSummary Of(IReadOnlyList<PairErrorSignals> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        double Rate(Func<PairErrorSignals, bool> flag) => signals.Count == 0 ? 0 : (double)signals.Count(flag) / signals.Count;
        var ratios = signals.Where(s => !s.Empty).Select(s => s.LengthRatio).Order().ToArray();
        return new ErrorSignalSummary(
            signals.Count,
            Rate(s => s.Empty),
            Rate(s => s.Untranslated),
            Rate(s => s.Omission),
            Rate(s => s.Addition),
            Rate(s => s.NumberMismatch),
            Rate(s => s.NameMismatch),
            Rate(s => s.Loop),
            Rate(s => s.NonEnglish),
            Rate(s => s.Any),
            ScoreDistribution.Quantile(ratios, 0.5));
    }
}
