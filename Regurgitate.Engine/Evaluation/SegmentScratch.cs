namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// The token vocabulary and n-gram matcher a metric reuses from segment to segment. Sentence-level scoring takes one
/// per thread (<see cref="ForSentence"/>) instead of building a new one per sentence: dataset analyses score hundreds of
/// thousands of sentences, and those fresh hash tables were the largest share of their allocations, whose collections
/// pause a training run in the same process.
/// </summary>
internal sealed class SegmentScratch
{
    // Ids only need to be equal for equal tokens within one segment, so a per-thread vocabulary may be dropped any
    // time; this bound keeps a long-lived thread's copy from growing with every word it has ever scored.
    private const int MaxRetainedTokens = 1 << 16;

    [ThreadStatic]
    private static SegmentScratch? perThread;

    public TokenVocabulary Vocabulary { get; private set; } = new();

    public NGramMatcher Matcher { get; } = new();

    /// <summary>This thread's scratch for one sentence's score; not reentrant.</summary>
    public static SegmentScratch ForSentence()
    {
        var scratch = perThread ??= new SegmentScratch();
        if (scratch.Vocabulary.Count > MaxRetainedTokens)
        {
            scratch.Vocabulary = new TokenVocabulary();
        }

        return scratch;
    }
}
