using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Lexical-diversity statistics of a text (see <see cref="LexicalDiversityResult"/> for each formula). The single
/// metrics are public so tests and pages can call them on any token list; <see cref="Measure(IReadOnlyList{string}, LexicalDiversityOptions?, IReadOnlyList{string[]}?)"/>
/// computes them all from one tokenization. Each measure lives in its own internal class (<see cref="MtldMeasure"/>,
/// <see cref="SelfBleuMeasure"/>, ...); tokens are interned to integers once (<see cref="TokenIds"/>), so every statistic is a linear
/// pass (HD-D: one product of s factors per type; Self-BLEU: linear in the sample's n-grams).
/// </summary>
public static class LexicalDiversity
{
    /// <summary>All statistics of raw sentences; <paramref name="coverageTarget"/> (tokenized sentences, e.g. the human references) adds vocabulary coverage.</summary>
    public static LexicalDiversityResult Measure(IReadOnlyList<string> sentences, LexicalDiversityOptions? options = null, IReadOnlyList<string[]>? coverageTarget = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var tokenized = new string[sentences.Count][];
        for (var i = 0; i < tokenized.Length; i++)
        {
            tokenized[i] = LexicalTokenizer.Tokenize(sentences[i]);
        }

        return Measure(sentences, tokenized, options, coverageTarget);
    }

    /// <summary>All statistics when the caller already holds the <see cref="LexicalTokenizer"/> tokens of <paramref name="sentences"/>.</summary>
    public static LexicalDiversityResult Measure(
        IReadOnlyList<string> sentences,
        IReadOnlyList<string[]> tokenized,
        LexicalDiversityOptions? options,
        IReadOnlyList<string[]>? coverageTarget,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(tokenized);
        options ??= new LexicalDiversityOptions();
        Validate(options);
        var vocabulary = AnalysisScratch.ForThread().Vocabulary();
        var sentenceIds = new int[tokenized.Count][];
        long total = 0;
        for (var i = 0; i < tokenized.Count; i++)
        {
            sentenceIds[i] = TokenIds.Intern(tokenized[i], vocabulary);
            total += sentenceIds[i].Length;
        }

        var ids = new int[total];
        var at = 0;
        foreach (var s in sentenceIds)
        {
            s.CopyTo(ids, at);
            at += s.Length;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var types = vocabulary.Count;
        long? budgetTokens = options.TokenBudget is { } budget ? Math.Min(budget, total) : null;
        double? budgetTypes = budgetTokens is { } bt ? Rarefaction.ExpectedTypes(TokenIds.Frequencies(ids, types), total, bt) : null;
        var forward = MtldMeasure.OneWay(ids, types, options.MtldThreshold, reverse: false);
        var backward = MtldMeasure.OneWay(ids, types, options.MtldThreshold, reverse: true);
        var heaps = HeapsMeasure.Curve(ids, types, options.HeapsPoints);
        cancellationToken.ThrowIfCancellationRequested();
        var (zipf, ranks, zipfPoints) = ZipfMeasure.Of(ids, types, options.ZipfTopRanks);
        var (selfBleu, selfBleuSentences) = SelfBleuMeasure.Of(sentenceIds, options.SelfBleuSampleSize, options.SelfBleuSeed);
        cancellationToken.ThrowIfCancellationRequested();
        return new LexicalDiversityResult
        {
            Tokenization = LexicalTokenizer.Description,
            Options = options,
            Sentences = sentences.Count,
            Tokens = total,
            VocabularySize = types,
            TypeTokenRatio = total == 0 ? 0 : (double)types / total,
            BudgetTokens = budgetTokens,
            BudgetVocabularySize = budgetTypes,
            BudgetTypeTokenRatio = budgetTokens is > 0 ? budgetTypes!.Value / budgetTokens.Value : null,
            Mattr = MattrMeasure.Of(ids, types, options.MattrWindow),
            Mtld = (forward + backward) / 2,
            MtldForward = forward,
            MtldBackward = backward,
            Hdd = Rarefaction.Hdd(ids, types, options.HddSampleSize),
            Distinct = [DistinctNGramMeasure.Of(sentenceIds, 1), DistinctNGramMeasure.Of(sentenceIds, 2), DistinctNGramMeasure.Of(sentenceIds, 3)],
            Heaps = heaps,
            HeapsBeta = HeapsMeasure.Exponent(heaps),
            ZipfSlope = zipf,
            ZipfRanks = ranks,
            ZipfPoints = zipfPoints,
            GzipRatio = GzipRatio(sentences),
            SelfBleu = selfBleu,
            SelfBleuSentences = selfBleuSentences,
            Coverage = coverageTarget is null ? null : VocabularyCoverageMeasure.Of(vocabulary, coverageTarget),
        };
    }

    /// <summary>V / N; 0 for an empty text.</summary>
    public static double TypeTokenRatio(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Count == 0 ? 0 : (double)tokens.Distinct(StringComparer.Ordinal).Count() / tokens.Count;
    }

    /// <summary>Moving-average TTR (Covington &amp; McFall 2010).</summary>
    public static double MovingAverageTypeTokenRatio(IReadOnlyList<string> tokens, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var (ids, types) = TokenIds.Of(tokens);
        return MattrMeasure.Of(ids, types, window);
    }

    /// <summary>Bidirectional MTLD (mean of forward and reversed passes, McCarthy &amp; Jarvis 2010).</summary>
    public static double Mtld(IReadOnlyList<string> tokens, double threshold = 0.72)
    {
        var (ids, types) = TokenIds.Of(tokens);
        return (MtldMeasure.OneWay(ids, types, threshold, reverse: false) + MtldMeasure.OneWay(ids, types, threshold, reverse: true)) / 2;
    }

    /// <summary>One MTLD pass; <paramref name="reverse"/> reads the text backwards.</summary>
    public static double MtldOneDirection(IReadOnlyList<string> tokens, double threshold, bool reverse)
    {
        var (ids, types) = TokenIds.Of(tokens);
        return MtldMeasure.OneWay(ids, types, threshold, reverse);
    }

    /// <summary>Expected types in a random sample of <paramref name="sampleSize"/> of the tokens (rarefaction; Hurlbert 1971); V when the sample is the whole text.</summary>
    public static double RarefiedVocabulary(IReadOnlyList<string> tokens, int sampleSize)
    {
        var (ids, types) = TokenIds.Of(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleSize, ids.Length);
        return Rarefaction.ExpectedTypes(TokenIds.Frequencies(ids, types), ids.Length, sampleSize);
    }

    /// <summary>HD-D with a sample of <paramref name="sampleSize"/> tokens; NaN when the text is shorter than the sample.</summary>
    public static double Hdd(IReadOnlyList<string> tokens, int sampleSize = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var (ids, types) = TokenIds.Of(tokens);
        return Rarefaction.Hdd(ids, types, sampleSize);
    }

    /// <summary>distinct-n over tokenized sentences (n-grams never cross a sentence boundary); 0 when there is no n-gram.</summary>
    public static double Distinct(IReadOnlyList<IReadOnlyList<string>> sentences, int n)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 4);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = sentences.Select(s => TokenIds.Intern(s, vocabulary)).ToArray();
        return DistinctNGramMeasure.Of(ids, n);
    }

    /// <summary>Heaps curve with <paramref name="points"/> evenly spaced points (the last one at N).</summary>
    public static IReadOnlyList<HeapsPoint> HeapsCurve(IReadOnlyList<string> tokens, int points = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var (ids, types) = TokenIds.Of(tokens);
        return HeapsMeasure.Curve(ids, types, points);
    }

    /// <summary>Zipf slope (log10 frequency on log10 rank, least squares) over the <paramref name="topRanks"/> most frequent types; NaN with fewer than 2 types.</summary>
    public static double ZipfSlope(IReadOnlyList<string> tokens, int topRanks = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topRanks, 2);
        var (ids, types) = TokenIds.Of(tokens);
        return ZipfMeasure.Of(ids, types, topRanks).Slope;
    }

    /// <summary>
    /// Rank–frequency points of the <paramref name="topRanks"/> most frequent types, at up to
    /// <see cref="ZipfPlotPoints"/> log-spaced ranks (every rank when there are no more than that; always rank 1 and the last).
    /// </summary>
    public static IReadOnlyList<ZipfPoint> ZipfCurve(IReadOnlyList<string> tokens, int topRanks = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topRanks, 1);
        var (ids, types) = TokenIds.Of(tokens);
        return ZipfMeasure.Of(ids, types, topRanks).Points;
    }

    /// <summary>Most points <see cref="LexicalDiversityResult.ZipfPoints"/> holds.</summary>
    public const int ZipfPlotPoints = 60;

    /// <summary>gzip bytes / UTF-8 bytes of the sentences joined by '\n'; 0 for empty input.</summary>
    public static double GzipRatio(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);

        // The text is encoded into a pooled buffer and compressed into a byte counter: the joined string, its UTF-8
        // bytes and the compressed output were three large objects per side and analysis, for one number. It goes to
        // the compressor in one write, as before: deflate's output (and so the ratio) depends on how its input is cut.
        long raw = Math.Max(0, sentences.Count - 1);
        foreach (var sentence in sentences)
        {
            raw += Encoding.UTF8.GetByteCount(sentence ?? string.Empty);
        }

        if (raw == 0)
        {
            return 0;
        }

        var compressed = new ByteCountingStream();
        var text = ArrayPool<byte>.Shared.Rent(checked((int)raw));
        try
        {
            var at = 0;
            for (var i = 0; i < sentences.Count; i++)
            {
                if (i > 0)
                {
                    text[at++] = (byte)'\n';
                }

                at += Encoding.UTF8.GetBytes(sentences[i] ?? string.Empty, text.AsSpan(at));
            }

            using var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true);
            gzip.Write(text, 0, at);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }

        return (double)compressed.Length / raw;
    }

    /// <summary>Self-BLEU of a seeded sample of tokenized sentences (see <see cref="LexicalDiversityResult.SelfBleu"/>); NaN with fewer than 2 non-empty sentences.</summary>
    public static double SelfBleu(IReadOnlyList<IReadOnlyList<string>> sentences, int sampleSize = 1000, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = sentences.Select(s => TokenIds.Intern(s, vocabulary)).ToArray();
        return SelfBleuMeasure.Of(ids, sampleSize, seed).Score;
    }

    /// <summary>Coverage of <paramref name="target"/>'s vocabulary by the types of <paramref name="sideTokens"/>.</summary>
    public static VocabularyCoverage Coverage(IEnumerable<IReadOnlyList<string>> sideTokens, IReadOnlyList<string[]> target, int rareMaxCount = 1)
    {
        ArgumentNullException.ThrowIfNull(sideTokens);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sideTokens)
        {
            TokenIds.Intern(s, vocabulary);
        }

        return VocabularyCoverageMeasure.Of(vocabulary, target, rareMaxCount);
    }

    private static void Validate(LexicalDiversityOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MattrWindow, 1, nameof(options.MattrWindow));
        if (options.MtldThreshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MtldThreshold, "MtldThreshold must lie in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.HddSampleSize, 1, nameof(options.HddSampleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SelfBleuSampleSize, 2, nameof(options.SelfBleuSampleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HeapsPoints, 1, nameof(options.HeapsPoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ZipfTopRanks, 2, nameof(options.ZipfTopRanks));
    }
}
