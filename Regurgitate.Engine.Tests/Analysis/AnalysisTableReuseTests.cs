using System.IO.Compression;
using System.Text;
using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

/// <summary>
/// A report's lexical-diversity, divergence and compression measures fill tables of tens of thousands of n-grams and
/// tokens; allocated afresh each time, their arrays were large objects (18 MiB per 4,000-pair report), whose full
/// collections pause a training run in the same process (issue 19). They are reused per thread now: these bounds fail
/// when fresh tables come back, and the results must equal those of the plain string-keyed computations they replace.
/// Bytes are counted on this thread only, so other tests cannot disturb them.
/// </summary>
public sealed class AnalysisTableReuseTests
{
    private static readonly string[] Text = MakeText(seed: 3, sentences: 4_000);
    private static readonly string[] Other = MakeText(seed: 4, sentences: 4_000);
    private static readonly string[][] TextTokens = [.. Text.Select(LexicalTokenizer.Tokenize)];
    private static readonly string[][] OtherTokens = [.. Other.Select(LexicalTokenizer.Tokenize)];

    [Fact]
    public void Lexical_diversity_fills_reused_tables()
    {
        // Measured on this text: 3.7 KB per sentence with fresh tables (distinct-n sets, Self-BLEU's tables, the
        // vocabulary and the coverage counts), 0.3 KB reused.
        var perSentence = BytesPerSentence(() => LexicalDiversity.Measure(Text, TextTokens, null, OtherTokens));
        Assert.True(perSentence < 1_000, $"{perSentence:F0} bytes per sentence");
    }

    [Fact]
    public void Divergence_counts_interned_ids_instead_of_joined_strings()
    {
        // Measured: 3.2 KB per sentence with a joined string per n-gram and two fresh tables; 0 now.
        var perSentence = BytesPerSentence(() => Divergence.Compare(TextTokens, OtherTokens));
        Assert.True(perSentence < 200, $"{perSentence:F0} bytes per sentence");
    }

    [Fact]
    public void Gzip_ratio_streams_the_text_instead_of_joining_it()
    {
        // Measured: 241 bytes per sentence (the joined text, its UTF-8 bytes and the compressed copy); 0 now.
        var perSentence = BytesPerSentence(() => LexicalDiversity.GzipRatio(Text));
        Assert.True(perSentence < 50, $"{perSentence:F0} bytes per sentence");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Divergence_equals_the_string_keyed_computation_to_the_last_bit(int order)
    {
        Assert.Equal(StringKeyedJensenShannon(TextTokens, OtherTokens, order), Divergence.JensenShannon(TextTokens, OtherTokens, order));
        Assert.Equal(StringKeyedJensenShannon(OtherTokens[..50], TextTokens[..70], order), Divergence.JensenShannon(OtherTokens[..50], TextTokens[..70], order));
    }

    [Fact]
    public void Gzip_ratio_equals_compressing_the_joined_text_in_one_piece()
    {
        foreach (var sentences in new[] { Text, Text[..1], ["", ""], ["\ud800", "x\udc00y", "Grüße"] })
        {
            var raw = Encoding.UTF8.GetBytes(string.Join('\n', sentences));
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(raw);
            }

            Assert.Equal((double)buffer.Length / raw.Length, LexicalDiversity.GzipRatio(sentences));
        }
    }

    [Fact]
    public void Tables_reused_on_a_thread_give_the_results_of_a_fresh_thread()
    {
        LexicalDiversityResult? fresh = null;
        double freshDivergence = 0;
        var thread = new Thread(() =>
        {
            fresh = LexicalDiversity.Measure(Text[..500], TextTokens[..500], null, OtherTokens[..500]);
            freshDivergence = Divergence.JensenShannon(TextTokens[..500], OtherTokens[..500], 2);
        });
        thread.Start();
        thread.Join();

        // This thread's tables first hold a larger, different text.
        LexicalDiversity.Measure(Other, OtherTokens, null, TextTokens);
        Divergence.JensenShannon(OtherTokens, TextTokens, 2);
        var reused = LexicalDiversity.Measure(Text[..500], TextTokens[..500], null, OtherTokens[..500]);

        Assert.Equal(fresh!.VocabularySize, reused.VocabularySize);
        Assert.Equal(fresh.Distinct, reused.Distinct);
        Assert.Equal(fresh.SelfBleu, reused.SelfBleu);
        Assert.Equal(fresh.Coverage, reused.Coverage);
        Assert.Equal(fresh.Mtld, reused.Mtld);
        Assert.Equal(freshDivergence, Divergence.JensenShannon(TextTokens[..500], OtherTokens[..500], 2));
    }

    private static double BytesPerSentence(Action measure)
    {
        measure();
        var before = GC.GetAllocatedBytesForCurrentThread();
        measure();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Text.Length;
    }

    /// <summary>The computation <see cref="Divergence"/> used before: n-grams as joined strings, one table per text.</summary>
    private static double StringKeyedJensenShannon(string[][] first, string[][] second, int order)
    {
        static Dictionary<string, double> Count(string[][] sentences, int order, out double total)
        {
            var counts = new Dictionary<string, double>(StringComparer.Ordinal);
            total = 0;
            foreach (var s in sentences)
            {
                for (var i = 0; i + order <= s.Length; i++)
                {
                    var key = string.Join('\u0001', s, i, order);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    total++;
                }
            }

            return counts;
        }

        static double Term(double a, double b) => a * Math.Log2(2 * a / (a + b));

        var p = Count(first, order, out var totalP);
        var q = Count(second, order, out var totalQ);
        double sum = 0;
        foreach (var (gram, countP) in p)
        {
            var pi = countP / totalP;
            var qi = q.TryGetValue(gram, out var countQ) ? countQ / totalQ : 0;
            sum += Term(pi, qi) + (qi > 0 ? Term(qi, pi) : 0);
        }

        foreach (var (gram, countQ) in q)
        {
            if (!p.ContainsKey(gram))
            {
                sum += Term(countQ / totalQ, 0);
            }
        }

        return Math.Clamp(sum / 2, 0, 1);
    }

    /// <summary>Sentences of 6–20 words drawn from 8,000 made-up words with a Zipf-like skew, so the tables grow large.</summary>
    private static string[] MakeText(int seed, int sentences)
    {
        var random = new Random(seed);
        string Word() => "w" + ((int)Math.Pow(8_000, random.NextDouble())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(0, sentences).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(6, 21)).Select(_ => Word())) + ".")];
    }
}
