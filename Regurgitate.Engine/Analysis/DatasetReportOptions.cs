namespace Regurgitate.Engine.Analysis;

/// <summary>Sampling and metric parameters of a <see cref="DatasetReport"/>.</summary>
public sealed record DatasetReportOptions
{
    /// <summary>
    /// Sentences per side. Null: the smallest side's size. Aligned sides share one sample of pair indices (the
    /// same sources); unaligned sides are each sampled to this size. Larger than the smallest side is an error.
    /// </summary>
    public int? SampleSize { get; init; }

    /// <summary>Seed of the subsample (SplitMix64 permutation, prefix taken, kept in input order).</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>Also report vocabulary size and TTR over a common token budget (the smallest side's token count).</summary>
    public bool MatchTokenBudget { get; init; } = true;

    public LexicalDiversityOptions Diversity { get; init; } = new();

    public ErrorAnalysisOptions Errors { get; init; } = new();
}
