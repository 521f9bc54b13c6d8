using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Analysis;

/// <summary>
/// What a dataset analysis allocates per sentence. Every collection those allocations cause suspends a training run in
/// the same process (issue 19's heavy-load benchmark: 26 % of its time), so the per-sentence scratch is reused per
/// thread; these bounds fail when a fresh hash table or string builder per sentence comes back. Bytes are counted on
/// this thread only (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), so other tests cannot disturb them.
/// </summary>
public sealed class AnalysisAllocationTests
{
    private static readonly (string Source, string Target)[] Pairs = MakePairs(400);

    [Fact]
    public void Error_signals_allocate_little_more_than_their_tokens()
    {
        // Measured: 18.4 KB per pair before the per-thread scratch (seven hash tables and fresh string builders per
        // pair), 8.2 KB after, 6.6 KB once hyphenated parts were read as spans instead of split into strings — the rest
        // is mostly the tokens themselves.
        var perPair = BytesPerCall(p => ErrorSignals.Compute(p.Source, p.Target));
        Assert.True(perPair < 7_500, $"{perPair:F0} bytes per pair");
    }

    [Fact]
    public void Sentence_bleu_reuses_its_matcher()
    {
        var bleu = new BleuMetric();
        // Measured: 17.8 KB per sentence before (a fresh vocabulary, n-gram table, three count arrays and string
        // builders per call), 2.8 KB after.
        var perSentence = BytesPerCall(p => bleu.SentenceScore(p.Target, [p.Source]));
        Assert.True(perSentence < 6_000, $"{perSentence:F0} bytes per sentence");
    }

    [Fact]
    public void Sentence_chrf_reuses_its_matcher()
    {
        var chrf = new ChrFMetric();
        // Measured: 34.9 KB per sentence before, 1.9 KB after.
        var perSentence = BytesPerCall(p => chrf.SentenceScore(p.Target, [p.Source]));
        Assert.True(perSentence < 5_000, $"{perSentence:F0} bytes per sentence");
    }

    [Fact]
    public void Sentence_ter_reuses_its_edit_distance_matrices()
    {
        var ter = new TerMetric();
        // Measured: 6.0 KB per sentence with fresh cost and operation matrices per segment, 3.1 KB pooled.
        var perSentence = BytesPerCall(p => ter.SentenceScore(p.Target, [p.Source]));
        Assert.True(perSentence < 4_500, $"{perSentence:F0} bytes per sentence");
    }

    [Fact]
    public void Sentence_scores_share_one_signature_until_the_number_of_references_changes()
    {
        // Each sentence score used to build its signature string afresh (about 2 KB a pair over the three metrics).
        var (bleu, chrf, ter) = (new BleuMetric(), new ChrFMetric(), new TerMetric());
        var (one, other) = (Pairs[0], Pairs[1]);
        Assert.Same(bleu.SentenceScore(one.Target, [one.Source]).Signature, bleu.SentenceScore(other.Target, [other.Source]).Signature);
        Assert.Same(chrf.SentenceScore(one.Target, [one.Source]).Signature, chrf.SentenceScore(other.Target, [other.Source]).Signature);
        Assert.Same(ter.SentenceScore(one.Target, [one.Source]).Signature, ter.SentenceScore(other.Target, [other.Source]).Signature);

        Assert.StartsWith("nrefs:2|", bleu.SentenceScore(one.Target, [one.Source, other.Source]).Signature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:2|", chrf.SentenceScore(one.Target, [one.Source, other.Source]).Signature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:2|", ter.SentenceScore(one.Target, [one.Source, other.Source]).Signature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:1|", bleu.SentenceScore(one.Target, [one.Source]).Signature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:2|", bleu.CorpusScore([one.Target, other.Target], [[one.Source, other.Source], [other.Source, one.Source]]).Signature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:2|", bleu.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Reused_scratch_scores_each_sentence_as_a_fresh_metric_does()
    {
        // The per-thread vocabulary carries ids from earlier sentences; scores must not depend on them.
        var shared = (Bleu: new BleuMetric(), ChrF: new ChrFMetric(), Ter: new TerMetric());
        foreach (var (source, target) in Pairs.Take(50))
        {
            Assert.Equal(new BleuMetric().CorpusScore([target], [[source]]).Score, shared.Bleu.SentenceScore(target, [source]).Score, 12);
            Assert.Equal(new ChrFMetric().CorpusScore([target], [[source]]).Score, shared.ChrF.SentenceScore(target, [source]).Score, 12);
            Assert.Equal(new TerMetric().CorpusScore([target], [[source]]).Score, shared.Ter.SentenceScore(target, [source]).Score, 12);
        }
    }

    private static double BytesPerCall(Action<(string Source, string Target)> call)
    {
        foreach (var pair in Pairs)
        {
            call(pair);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var pair in Pairs)
        {
            call(pair);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Pairs.Length;
    }

    /// <summary>Deterministic German/English-like pairs of 8–24 words with names, numbers and repeats.</summary>
    private static (string, string)[] MakePairs(int count)
    {
        string[] german = ["der", "Hund", "läuft", "über", "die", "Wiese", "und", "Max", "Müller", "sieht", "3,5", "Kinder", "im", "Park", "EU-Kommission"];
        string[] english = ["the", "dog", "runs", "across", "the", "meadow", "and", "Max", "Müller", "sees", "3.5", "children", "in", "the", "park", "EU", "Commission"];
        var random = new Random(7);
        string Sentence(string[] words) =>
            string.Join(' ', Enumerable.Range(0, random.Next(8, 25)).Select(_ => words[random.Next(words.Length)])) + ".";
        return [.. Enumerable.Range(0, count).Select(_ => (Sentence(german), Sentence(english)))];
    }
}
