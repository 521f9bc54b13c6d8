namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Everything a <see cref="DatasetReport"/> measured on one side's subsample: diversity (with coverage of the
/// reference side's vocabulary), reference-free signals against the sources, and — for non-reference aligned sides —
/// reference-based errors and divergence from the human references.
/// </summary>
public sealed record SideReport
{
    public required string Name { get; init; }
    public required bool IsReference { get; init; }

    /// <summary>Sentences in the subsample, and how many of them were failed generations (null).</summary>
    public required int Sentences { get; init; }
    public required int Failed { get; init; }

    public required LexicalDiversityResult Diversity { get; init; }

    /// <summary>
    /// Length of each sentence of the subsample in <see cref="LexicalTokenizer"/> tokens (0 for a failed generation),
    /// in sample order (for aligned sides, parallel to <see cref="DatasetReportResult.SampleIndices"/>).
    /// </summary>
    public IReadOnlyList<int> SentenceLengths { get; init; } = [];

    /// <summary>Reference-free signals against the German sources (null without sources or when not aligned).</summary>
    public ErrorSignalSummary? Signals { get; init; }

    /// <summary>Sentence-level errors against the reference side (null for the reference itself and unaligned sides).</summary>
    public ErrorAnalysisResult? Errors { get; init; }

    /// <summary>Divergence of this side's n-gram distribution from the reference side's (null for the reference itself).</summary>
    public DivergenceResult? DivergenceFromReference { get; init; }
}
