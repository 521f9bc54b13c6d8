namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Reference-based and reference-free errors of one side against the human references of the same sources. The
/// per-pair arrays are aligned with the analysed pairs (<see cref="PairIndices"/> gives each one's index in the input
/// lists) so a page can list the worst sentences.
/// </summary>
public sealed record ErrorAnalysisResult
{
    /// <summary>Pairs scored: those whose reference is known (non-empty).</summary>
    public required int Pairs { get; init; }

    /// <summary>Input pairs left out because the reference was missing or empty.</summary>
    public required int SkippedWithoutReference { get; init; }

    public required ScoreDistribution ChrF { get; init; }
    public required ScoreDistribution Bleu { get; init; }
    public required ScoreDistribution Ter { get; init; }

    /// <summary>Share of pairs that are errors by at least one of chrF, BLEU, TER.</summary>
    public required double AnyMetricErrorRate { get; init; }

    /// <summary>Reference-free signals of the same pairs (null when no sources were given).</summary>
    public ErrorSignalSummary? Signals { get; init; }

    public required IReadOnlyList<int> PairIndices { get; init; }
    public required IReadOnlyList<double> SentenceChrF { get; init; }
    public required IReadOnlyList<double> SentenceBleu { get; init; }
    public required IReadOnlyList<double> SentenceTer { get; init; }
    public IReadOnlyList<PairErrorSignals>? PairSignals { get; init; }

    public required ErrorAnalysisOptions Options { get; init; }

    /// <summary>sacreBLEU-style signatures of the three sentence metrics.</summary>
    public required IReadOnlyList<string> Signatures { get; init; }
}
