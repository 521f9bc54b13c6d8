namespace Regurgitate.Engine.Data;

/// <summary>
/// The leakage guard: remembers the sources (and, for corpora that deduplicate targets, the English targets) of the
/// evaluation splits drawn so far, so that later splits can leave out pairs repeating them. Sentences compare as
/// <see cref="SourceKey"/> compares sources (ordinal, trimmed) on both sides.
/// </summary>
internal sealed class EvaluationOverlapGuard(bool deduplicateTargets)
{
    private readonly HashSet<string> sources = new(SourceKey.Comparer);
    private readonly HashSet<string>? targets = deduplicateTargets ? new(SourceKey.Comparer) : null;

    public void Add(SentencePair pair)
    {
        sources.Add(SourceKey.Of(pair.Source));
        targets?.Add(SourceKey.Of(pair.Target));
    }

    public void AddRange(IEnumerable<SentencePair> pairs)
    {
        foreach (var pair in pairs)
        {
            Add(pair);
        }
    }

    public bool RepeatsSource(SentencePair pair) => sources.Contains(SourceKey.Of(pair.Source));

    /// <summary>The target repeats an evaluation target while the source is new (counted apart from source repeats).</summary>
    public bool RepeatsOnlyTarget(SentencePair pair) =>
        targets is not null && !RepeatsSource(pair) && targets.Contains(SourceKey.Of(pair.Target));

    public bool Overlaps(SentencePair pair) => RepeatsSource(pair) || RepeatsOnlyTarget(pair);
}
