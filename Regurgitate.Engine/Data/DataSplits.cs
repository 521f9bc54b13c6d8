namespace Regurgitate.Engine.Data;

/// <summary>
/// Train, dev and test pairs of one run. Guaranteed: no German source of <see cref="Dev"/> or <see cref="Test"/>
/// occurs in <see cref="Train"/>, and no source of <see cref="Test"/> occurs in <see cref="Dev"/> (nor, for corpora that
/// deduplicate targets, an English target); a pool with document ids keeps each document within one split (see
/// <see cref="SplitReport.Method"/>). Each list is in corpus file order.
/// </summary>
public sealed record DataSplits(IReadOnlyList<SentencePair> Train, IReadOnlyList<SentencePair> Dev, IReadOnlyList<SentencePair> Test, SplitReport Report)
{
    /// <summary>The second human reference of each <see cref="Test"/> pair, aligned with it; null when the corpus has none.</summary>
    public IReadOnlyList<string>? TestSecondReferences { get; init; }
}
