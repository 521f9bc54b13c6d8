namespace Regurgitate.Engine.Analysis;

/// <summary>
/// The n-gram and token tables the lexical-diversity and divergence measures fill, reused per thread and handed out empty. A
/// report of 4,000 sentences fills tables of tens of thousands of n-grams whose arrays outgrow the large-object
/// threshold; allocated afresh for every measure they were most of an analysis's large objects, and so of the full
/// collections that pause a training run in the same process (issue 19). Not reentrant: a measure takes the tables it
/// needs, fills and reads them, and returns before another measure on the same thread starts.
/// </summary>
internal sealed class AnalysisScratch
{
    // A table that grew past this is dropped after use rather than kept for the thread's lifetime: a huge corpus's
    // table (tens of MB) should not stay resident because one analysis once needed it.
    private const int MaxRetainedEntries = 1 << 18;

    [ThreadStatic]
    private static AnalysisScratch? perThread;

    private HashSet<NGram> distinct = [];
    private Dictionary<NGram, int> counts = [];
    private Dictionary<NGram, (int Best, int Holder, int Second)> best = [];
    private Dictionary<NGram, (long First, long Second)> paired = [];
    private Dictionary<string, int> vocabulary = new(StringComparer.Ordinal);
    private Dictionary<string, int> typeCounts = new(StringComparer.Ordinal);

    /// <summary>This thread's tables.</summary>
    public static AnalysisScratch ForThread() => perThread ??= new AnalysisScratch();

    /// <summary>An empty set of n-grams (distinct-n).</summary>
    public HashSet<NGram> Distinct() => Emptied(ref distinct, distinct.Count, static t => t.Clear(), static () => []);

    /// <summary>An empty n-gram count table (one sentence's n-grams in Self-BLEU).</summary>
    public Dictionary<NGram, int> Counts() => Emptied(ref counts, counts.Count, static t => t.Clear(), static () => []);

    /// <summary>An empty table of each n-gram's best and second-best count and the sentence holding the best (Self-BLEU).</summary>
    public Dictionary<NGram, (int Best, int Holder, int Second)> Best() => Emptied(ref best, best.Count, static t => t.Clear(), static () => []);

    /// <summary>An empty table of each n-gram's count in two texts (divergence).</summary>
    public Dictionary<NGram, (long First, long Second)> Paired() => Emptied(ref paired, paired.Count, static t => t.Clear(), static () => []);

    /// <summary>An empty token vocabulary (token → dense id).</summary>
    public Dictionary<string, int> Vocabulary() => Emptied(ref vocabulary, vocabulary.Count, static t => t.Clear(), static () => new(StringComparer.Ordinal));

    /// <summary>An empty table of how often each token occurs (a target text's types in vocabulary coverage).</summary>
    public Dictionary<string, int> TypeCounts() => Emptied(ref typeCounts, typeCounts.Count, static t => t.Clear(), static () => new(StringComparer.Ordinal));

    /// <summary>The table cleared (its arrays kept), or a new one if it grew past the bound last time.</summary>
    private static T Emptied<T>(ref T table, int count, Action<T> clear, Func<T> create)
    {
        if (count > MaxRetainedEntries)
        {
            table = create();
        }
        else
        {
            clear(table);
        }

        return table;
    }
}
