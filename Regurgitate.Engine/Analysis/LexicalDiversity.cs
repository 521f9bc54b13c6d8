using System.IO.Compression;
using System.Text;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Lexical-diversity statistics of a text (see <see cref="LexicalDiversityResult"/> for each formula). The single
/// metrics are public so tests and pages can call them on any token list; <see cref="Measure(IReadOnlyList{string}, LexicalDiversityOptions?, IReadOnlyList{string[]}?)"/>
/// computes them all from one tokenization. Tokens are interned to integers once, so every statistic is a linear
/// pass (HD-D: one product of s factors per type; Self-BLEU: linear in the sample's n-grams).
/// </summary>
public static class LexicalDiversity
{
    private const int SelfBleuOrder = 4;

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
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var sentenceIds = new int[tokenized.Count][];
        long total = 0;
        for (var i = 0; i < tokenized.Count; i++)
        {
            sentenceIds[i] = Intern(tokenized[i], vocabulary);
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
        double? budgetTypes = budgetTokens is { } bt ? ExpectedTypes(Frequencies(ids, types), total, bt) : null;
        var forward = MtldOneWay(ids, types, options.MtldThreshold, reverse: false);
        var backward = MtldOneWay(ids, types, options.MtldThreshold, reverse: true);
        var heaps = HeapsCurveOf(ids, types, options.HeapsPoints);
        cancellationToken.ThrowIfCancellationRequested();
        var (zipf, ranks, zipfPoints) = ZipfOf(ids, types, options.ZipfTopRanks);
        var (selfBleu, selfBleuSentences) = SelfBleuOf(sentenceIds, options.SelfBleuSampleSize, options.SelfBleuSeed);
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
            Mattr = MattrOf(ids, types, options.MattrWindow),
            Mtld = (forward + backward) / 2,
            MtldForward = forward,
            MtldBackward = backward,
            Hdd = HddOf(ids, types, options.HddSampleSize),
            Distinct = [DistinctOf(sentenceIds, 1), DistinctOf(sentenceIds, 2), DistinctOf(sentenceIds, 3)],
            Heaps = heaps,
            HeapsBeta = HeapsExponent(heaps),
            ZipfSlope = zipf,
            ZipfRanks = ranks,
            ZipfPoints = zipfPoints,
            GzipRatio = GzipRatio(sentences),
            SelfBleu = selfBleu,
            SelfBleuSentences = selfBleuSentences,
            Coverage = coverageTarget is null ? null : Coverage(vocabulary, coverageTarget),
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
        var (ids, types) = Ids(tokens);
        return MattrOf(ids, types, window);
    }

    /// <summary>Bidirectional MTLD (mean of forward and reversed passes, McCarthy &amp; Jarvis 2010).</summary>
    public static double Mtld(IReadOnlyList<string> tokens, double threshold = 0.72)
    {
        var (ids, types) = Ids(tokens);
        return (MtldOneWay(ids, types, threshold, reverse: false) + MtldOneWay(ids, types, threshold, reverse: true)) / 2;
    }

    /// <summary>One MTLD pass; <paramref name="reverse"/> reads the text backwards.</summary>
    public static double MtldOneDirection(IReadOnlyList<string> tokens, double threshold, bool reverse)
    {
        var (ids, types) = Ids(tokens);
        return MtldOneWay(ids, types, threshold, reverse);
    }

    /// <summary>Expected types in a random sample of <paramref name="sampleSize"/> of the tokens (rarefaction; Hurlbert 1971); V when the sample is the whole text.</summary>
    public static double RarefiedVocabulary(IReadOnlyList<string> tokens, int sampleSize)
    {
        var (ids, types) = Ids(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleSize, ids.Length);
        return ExpectedTypes(Frequencies(ids, types), ids.Length, sampleSize);
    }

    /// <summary>HD-D with a sample of <paramref name="sampleSize"/> tokens; NaN when the text is shorter than the sample.</summary>
    public static double Hdd(IReadOnlyList<string> tokens, int sampleSize = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var (ids, types) = Ids(tokens);
        return HddOf(ids, types, sampleSize);
    }

    /// <summary>distinct-n over tokenized sentences (n-grams never cross a sentence boundary); 0 when there is no n-gram.</summary>
    public static double Distinct(IReadOnlyList<IReadOnlyList<string>> sentences, int n)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 4);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = sentences.Select(s => Intern(s, vocabulary)).ToArray();
        return DistinctOf(ids, n);
    }

    /// <summary>Heaps curve with <paramref name="points"/> evenly spaced points (the last one at N).</summary>
    public static IReadOnlyList<HeapsPoint> HeapsCurve(IReadOnlyList<string> tokens, int points = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var (ids, types) = Ids(tokens);
        return HeapsCurveOf(ids, types, points);
    }

    /// <summary>Zipf slope (log10 frequency on log10 rank, least squares) over the <paramref name="topRanks"/> most frequent types; NaN with fewer than 2 types.</summary>
    public static double ZipfSlope(IReadOnlyList<string> tokens, int topRanks = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topRanks, 2);
        var (ids, types) = Ids(tokens);
        return ZipfOf(ids, types, topRanks).Slope;
    }

    /// <summary>
    /// Rank–frequency points of the <paramref name="topRanks"/> most frequent types, at up to
    /// <see cref="ZipfPlotPoints"/> log-spaced ranks (every rank when there are no more than that; always rank 1 and the last).
    /// </summary>
    public static IReadOnlyList<ZipfPoint> ZipfCurve(IReadOnlyList<string> tokens, int topRanks = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topRanks, 1);
        var (ids, types) = Ids(tokens);
        return ZipfOf(ids, types, topRanks).Points;
    }

    /// <summary>Most points <see cref="LexicalDiversityResult.ZipfPoints"/> holds.</summary>
    public const int ZipfPlotPoints = 60;

    /// <summary>gzip bytes / UTF-8 bytes of the sentences joined by '\n'; 0 for empty input.</summary>
    public static double GzipRatio(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var raw = Encoding.UTF8.GetBytes(string.Join('\n', sentences));
        if (raw.Length == 0)
        {
            return 0;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return (double)buffer.Length / raw.Length;
    }

    /// <summary>Self-BLEU of a seeded sample of tokenized sentences (see <see cref="LexicalDiversityResult.SelfBleu"/>); NaN with fewer than 2 non-empty sentences.</summary>
    public static double SelfBleu(IReadOnlyList<IReadOnlyList<string>> sentences, int sampleSize = 1000, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = sentences.Select(s => Intern(s, vocabulary)).ToArray();
        return SelfBleuOf(ids, sampleSize, seed).Score;
    }

    /// <summary>Coverage of <paramref name="target"/>'s vocabulary by the types of <paramref name="sideTokens"/>.</summary>
    public static VocabularyCoverage Coverage(IEnumerable<IReadOnlyList<string>> sideTokens, IReadOnlyList<string[]> target, int rareMaxCount = 1)
    {
        ArgumentNullException.ThrowIfNull(sideTokens);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sideTokens)
        {
            Intern(s, vocabulary);
        }

        return Coverage(vocabulary, target, rareMaxCount);
    }

    private static VocabularyCoverage Coverage(Dictionary<string, int> sideVocabulary, IReadOnlyList<string[]> target, int rareMaxCount = 1)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long tokens = 0, covered = 0;
        foreach (var sentence in target)
        {
            foreach (var token in sentence)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
                tokens++;
                if (sideVocabulary.ContainsKey(token))
                {
                    covered++;
                }
            }
        }

        int coveredTypes = 0, rare = 0, rareCovered = 0;
        foreach (var (type, count) in counts)
        {
            var has = sideVocabulary.ContainsKey(type);
            coveredTypes += has ? 1 : 0;
            if (count <= rareMaxCount)
            {
                rare++;
                rareCovered += has ? 1 : 0;
            }
        }

        return new VocabularyCoverage(
            counts.Count,
            counts.Count == 0 ? 0 : (double)coveredTypes / counts.Count,
            tokens == 0 ? 0 : (double)covered / tokens,
            rare,
            rareMaxCount,
            rare == 0 ? 0 : (double)rareCovered / rare);
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

    private static (int[] Ids, int Types) Ids(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        return (Intern(tokens, vocabulary), vocabulary.Count);
    }

    private static int[] Intern(IReadOnlyList<string> tokens, Dictionary<string, int> vocabulary)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!vocabulary.TryGetValue(tokens[i], out var id))
            {
                id = vocabulary.Count;
                vocabulary.Add(tokens[i], id);
            }

            ids[i] = id;
        }

        return ids;
    }

    private static int CountTypes(ReadOnlySpan<int> ids, int types)
    {
        var seen = new bool[types];
        var count = 0;
        foreach (var id in ids)
        {
            if (!seen[id])
            {
                seen[id] = true;
                count++;
            }
        }

        return count;
    }

    private static double MattrOf(int[] ids, int types, int window)
    {
        if (ids.Length == 0)
        {
            return 0;
        }

        if (ids.Length <= window)
        {
            return (double)CountTypes(ids, types) / ids.Length;
        }

        // Sliding window with per-type counts: each step adds one token and removes one, O(N) overall.
        var counts = new int[types];
        var distinct = 0;
        for (var i = 0; i < window; i++)
        {
            if (counts[ids[i]]++ == 0)
            {
                distinct++;
            }
        }

        double sum = distinct;
        for (var i = window; i < ids.Length; i++)
        {
            if (counts[ids[i]]++ == 0)
            {
                distinct++;
            }

            if (--counts[ids[i - window]] == 0)
            {
                distinct--;
            }

            sum += distinct;
        }

        return sum / (ids.Length - window + 1) / window;
    }

    private static double MtldOneWay(int[] ids, int types, double threshold, bool reverse)
    {
        if (ids.Length == 0)
        {
            return 0;
        }

        // Types of the current factor are marked with the factor's number, so a reset costs nothing.
        var mark = new int[types];
        var factorNumber = 1;
        double factors = 0;
        int factorTokens = 0, factorTypes = 0;
        var ttr = 1.0;
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[reverse ? ids.Length - 1 - k : k];
            factorTokens++;
            if (mark[id] != factorNumber)
            {
                mark[id] = factorNumber;
                factorTypes++;
            }

            ttr = (double)factorTypes / factorTokens;
            if (ttr <= threshold)
            {
                factors++;
                factorNumber++;
                factorTokens = factorTypes = 0;
                ttr = 1.0;
            }
        }

        factors += (1.0 - ttr) / (1.0 - threshold);

        // A text whose TTR never falls has no factor at all; MTLD is then undefined and the text length is the
        // natural bound (every token would be needed for one factor).
        return factors > 0 ? ids.Length / factors : ids.Length;
    }

    private static double HddOf(int[] ids, int types, int sample) =>
        ids.Length < sample ? double.NaN : ExpectedTypes(Frequencies(ids, types), ids.Length, sample) / sample;

    private static int[] Frequencies(ReadOnlySpan<int> ids, int types)
    {
        var frequencies = new int[types];
        foreach (var id in ids)
        {
            frequencies[id]++;
        }

        return frequencies;
    }

    /// <summary>
    /// Expected number of types in a sample of <paramref name="sample"/> tokens drawn without replacement
    /// (rarefaction): Σ_types 1 − C(N−f, s)/C(N, s). The ratio equals C(N−s, f)/C(N, f) = Π_{j&lt;f} (N−s−j)/(N−j),
    /// f factors instead of s, so the whole sum costs O(N); types sharing a frequency share one product.
    /// </summary>
    private static double ExpectedTypes(int[] frequencies, long n, long sample)
    {
        var cache = new Dictionary<int, double>();
        double sum = 0;
        foreach (var f in frequencies)
        {
            if (f == 0)
            {
                continue;
            }

            if (!cache.TryGetValue(f, out var present))
            {
                var none = 1.0;
                if (n - sample < f)
                {
                    none = 0;
                }
                else
                {
                    for (var j = 0; j < f && none > 0; j++)
                    {
                        none *= (double)(n - sample - j) / (n - j);
                    }
                }

                present = 1 - none;
                cache[f] = present;
            }

            sum += present;
        }

        return sum;
    }

    private static double DistinctOf(int[][] sentences, int n)
    {
        var seen = new HashSet<NGram>();
        long total = 0;
        foreach (var s in sentences)
        {
            for (var i = 0; i + n <= s.Length; i++)
            {
                seen.Add(NGram.Of(s, i, n));
                total++;
            }
        }

        return total == 0 ? 0 : (double)seen.Count / total;
    }

    private static List<HeapsPoint> HeapsCurveOf(int[] ids, int types, int points)
    {
        var curve = new List<HeapsPoint>();
        if (ids.Length == 0)
        {
            return curve;
        }

        var seen = new bool[types];
        var distinct = 0;
        var next = 1;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!seen[ids[i]])
            {
                seen[ids[i]] = true;
                distinct++;
            }

            // Point k lies at ceil(k·N/points) tokens; several k may coincide for very short texts.
            while (next <= points && i + 1 >= (long)Math.Ceiling((double)next * ids.Length / points))
            {
                if (curve.Count == 0 || curve[^1].Tokens != i + 1)
                {
                    curve.Add(new HeapsPoint(i + 1, distinct));
                }

                next++;
            }
        }

        return curve;
    }

    private static double HeapsExponent(IReadOnlyList<HeapsPoint> curve) =>
        curve.Count < 2 ? double.NaN : LeastSquaresSlope(curve.Select(p => Math.Log(p.Tokens)).ToArray(), curve.Select(p => Math.Log(p.Types)).ToArray());

    private static (double Slope, int Ranks, ZipfPoint[] Points) ZipfOf(int[] ids, int types, int topRanks)
    {
        var frequencies = new int[types];
        foreach (var id in ids)
        {
            frequencies[id]++;
        }

        Array.Sort(frequencies, static (a, b) => b.CompareTo(a));
        var ranks = Math.Min(topRanks, types);
        var points = ZipfPointsOf(frequencies, ranks);
        if (ranks < 2)
        {
            return (double.NaN, ranks, points);
        }

        var x = new double[ranks];
        var y = new double[ranks];
        for (var r = 0; r < ranks; r++)
        {
            x[r] = Math.Log10(r + 1);
            y[r] = Math.Log10(frequencies[r]);
        }

        return (LeastSquaresSlope(x, y), ranks, points);
    }

    /// <summary>Points at ranks round(ranks^(k/(P−1))), k = 0..P−1, duplicates dropped: even steps on a log axis.</summary>
    private static ZipfPoint[] ZipfPointsOf(int[] sortedFrequencies, int ranks)
    {
        var points = new List<ZipfPoint>(Math.Min(ranks, ZipfPlotPoints));
        if (ranks <= ZipfPlotPoints)
        {
            for (var r = 1; r <= ranks; r++)
            {
                points.Add(new ZipfPoint(r, sortedFrequencies[r - 1]));
            }

            return [.. points];
        }

        var logMax = Math.Log(ranks);
        for (var k = 0; k < ZipfPlotPoints; k++)
        {
            var rank = k == ZipfPlotPoints - 1 ? ranks : (int)Math.Round(Math.Exp(logMax * k / (ZipfPlotPoints - 1)));
            if (points.Count == 0 || points[^1].Rank < rank)
            {
                points.Add(new ZipfPoint(rank, sortedFrequencies[rank - 1]));
            }
        }

        return [.. points];
    }

    private static double LeastSquaresSlope(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    private static (double Score, int Sentences) SelfBleuOf(int[][] sentences, int sampleSize, int seed)
    {
        // Seeded sample of non-empty sentences: a prefix of one SplitMix64 permutation, so a larger sample contains a smaller one.
        var candidates = Enumerable.Range(0, sentences.Length).Where(i => sentences[i].Length > 0).ToArray();
        var order = new DeterministicRandom(seed, stream: 0x5E1FB1E0).Permutation(candidates.Length);
        var take = Math.Min(sampleSize, candidates.Length);
        if (take < 2)
        {
            return (double.NaN, take);
        }

        var sample = new int[take][];
        for (var i = 0; i < take; i++)
        {
            sample[i] = sentences[candidates[order[i]]];
        }

        // Clipping against "all other sentences" needs max over j≠i of count_j(g): keep the best and second-best
        // count of each n-gram with the sentence holding the best, then exclude sentence i in O(1).
        var best = new Dictionary<NGram, (int Best, int Holder, int Second)>();
        var local = new Dictionary<NGram, int>();
        for (var i = 0; i < take; i++)
        {
            CountNGrams(sample[i], local);
            foreach (var (gram, count) in local)
            {
                if (!best.TryGetValue(gram, out var entry))
                {
                    entry = (0, -1, 0);
                }

                if (count > entry.Best)
                {
                    entry = (count, i, entry.Best);
                }
                else if (count > entry.Second)
                {
                    entry.Second = count;
                }

                best[gram] = entry;
            }
        }

        var lengths = sample.Select(s => s.Length).Order().ToArray();
        var correct = new long[SelfBleuOrder];
        var total = new long[SelfBleuOrder];
        double sum = 0;
        for (var i = 0; i < take; i++)
        {
            Array.Clear(correct);
            Array.Clear(total);
            CountNGrams(sample[i], local);
            foreach (var (gram, count) in local)
            {
                var entry = best[gram];
                var others = entry.Holder == i ? entry.Second : entry.Best;
                correct[gram.Order - 1] += Math.Min(count, others);
                total[gram.Order - 1] += count;
            }

            var hypLen = sample[i].Length;
            var refLen = ClosestOtherLength(lengths, hypLen);
            sum += BleuMetric.ComputeBleu(correct, total, hypLen, refLen, BleuSmoothing.Exp, null, effectiveOrder: true).Score;
        }

        return (sum / take, take);
    }

    /// <summary>sacreBLEU's closest reference length (ties to the shorter) among all sampled lengths but one copy of the hypothesis's own.</summary>
    private static int ClosestOtherLength(int[] sortedLengths, int own)
    {
        var first = Array.IndexOf(sortedLengths, own);
        int bestLength = -1, bestDiff = int.MaxValue;
        for (var k = 0; k < sortedLengths.Length; k++)
        {
            if (k == first)
            {
                continue;
            }

            var diff = Math.Abs(sortedLengths[k] - own);
            if (diff < bestDiff || (diff == bestDiff && sortedLengths[k] < bestLength))
            {
                bestDiff = diff;
                bestLength = sortedLengths[k];
            }

            if (sortedLengths[k] > own && diff > bestDiff)
            {
                break;
            }
        }

        return bestLength;
    }

    private static void CountNGrams(int[] ids, Dictionary<NGram, int> counts)
    {
        counts.Clear();
        for (var n = 1; n <= SelfBleuOrder; n++)
        {
            for (var i = 0; i + n <= ids.Length; i++)
            {
                var gram = NGram.Of(ids, i, n);
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }
        }
    }

    /// <summary>An n-gram of up to four interned tokens (unused slots −1), hashable without allocating strings.</summary>
    private readonly record struct NGram(int A, int B, int C, int D)
    {
        public int Order => D >= 0 ? 4 : C >= 0 ? 3 : B >= 0 ? 2 : 1;

        public static NGram Of(int[] ids, int start, int n) => new(
            ids[start],
            n > 1 ? ids[start + 1] : -1,
            n > 2 ? ids[start + 2] : -1,
            n > 3 ? ids[start + 3] : -1);
    }
}
