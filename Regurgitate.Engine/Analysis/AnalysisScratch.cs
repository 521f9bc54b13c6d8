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
    public HashSet<NGram> Distinct()
    {
        if (distinct.Count > MaxRetainedEntries)
        {
            distinct = [];
        }
        else
        {
            distinct.Clear();
        }

        return distinct;
    }

    /// <summary>An empty n-gram count table (one sentence's n-grams in Self-BLEU).</summary>
    public Dictionary<NGram, int> Counts()
    {
        if (counts.Count > MaxRetainedEntries)
        {
            counts = [];
        }
        else
        {
            counts.Clear();
        }

        return counts;
    }

    /// <summary>An empty table of each n-gram's best and second-best count and the sentence holding the best (Self-BLEU).</summary>
    public Dictionary<NGram, (int Best, int Holder, int Second)> Best()
    {
        if (best.Count > MaxRetainedEntries)
        {
            best = [];
        }
        else
        {
            best.Clear();
        }

        return best;
    }

    /// <summary>An empty table of each n-gram's count in two texts (divergence).</summary>
    public Dictionary<NGram, (long First, long Second)> Paired()
    {
        if (paired.Count > MaxRetainedEntries)
        {
            paired = [];
        }
        else
        {
            paired.Clear();
        }

        return paired;
    }

    /// <summary>An empty token vocabulary (token → dense id).</summary>
    public Dictionary<string, int> Vocabulary()
    {
        if (vocabulary.Count > MaxRetainedEntries)
        {
            vocabulary = new(StringComparer.Ordinal);
        }
        else
        {
            vocabulary.Clear();
        }

        return vocabulary;
    }

    /// <summary>An empty table of how often each token occurs (a target text's types in vocabulary coverage).</summary>
    public Dictionary<string, int> TypeCounts()
    {
        if (typeCounts.Count > MaxRetainedEntries)
        {
            typeCounts = new(StringComparer.Ordinal);
        }
        else
        {
            typeCounts.Clear();
        }

        return typeCounts;
    }
}
