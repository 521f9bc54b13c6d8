using System.Globalization;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// chrF (Popović 2015) and chrF++ (Popović 2017) exactly as sacreBLEU 2.6's <c>CHRF</c>: character n-grams over
/// code points with whitespace removed, word n-grams after sacreBLEU's punctuation splitting, the best reference by
/// F-score per segment, and corpus statistics summed before the final F-score.
/// </summary>
public sealed class ChrFMetric
{
    private const double Epsilon = 1e-16;
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private string? signature;
    private string? signatureNrefs;

    public ChrFMetric(ChrFOptions? options = null)
    {
        Options = options ?? new ChrFOptions();
        if (Options.CharOrder < 0 || Options.WordOrder < 0 || Options.CharOrder + Options.WordOrder == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Orders must be non-negative and not both zero.");
        }
    }

    public ChrFOptions Options { get; }

    private int Order => Options.CharOrder + Options.WordOrder;

    /// <summary>Signature of the last score computed; like sacreBLEU, unknown until references have been seen.</summary>
    public string Signature => signature
        ?? throw new InvalidOperationException("The number of references is unknown; compute a score first.");

    public ChrFScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ReferenceStreams.Validate(hypotheses, referenceStreams);
        var totals = new long[3 * Order];
        var state = new SegmentScratch();
        var nrefs = ReferenceStreams.EachSegment(hypotheses, referenceStreams, (i, references) =>
        {
            var best = BestStatistics(hypotheses[i], references, state);
            for (var k = 0; k < totals.Length; k++)
            {
                totals[k] += best[k];
            }
        });

        return Finish(totals, nrefs);
    }

    /// <summary>
    /// Per-segment statistics (<c>[hyp, ref, match]</c> per order, characters then words, of the best reference) for
    /// significance tests; also sets <see cref="Signature"/> like <see cref="CorpusScore"/>.
    /// </summary>
    public SegmentStatistics CorpusStatistics(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ReferenceStreams.Validate(hypotheses, referenceStreams);
        var width = 3 * Order;
        var values = new double[hypotheses.Count * width];
        var state = new SegmentScratch();
        var nrefs = ReferenceStreams.EachSegment(hypotheses, referenceStreams, (i, references) =>
        {
            var best = BestStatistics(hypotheses[i], references, state);
            for (var k = 0; k < width; k++)
            {
                values[(i * width) + k] = best[k];
            }
        });

        var score = Finish(new long[width], nrefs);
        return new SegmentStatistics(score.Name, score.Signature, width, values, totals =>
        {
            Span<long> stats = stackalloc long[totals.Length];
            for (var k = 0; k < totals.Length; k++)
            {
                stats[k] = (long)totals[k];
            }

            return FScore(stats);
        });
    }

    public ChrFScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ReferenceStreams.ValidateSentence(hypothesis, references);
        var stats = BestStatistics(hypothesis, references, SegmentScratch.ForSentence());
        return Finish(stats, references.Count.ToString(CultureInfo.InvariantCulture));
    }

    private ChrFScore Finish(long[] stats, string nrefs)
    {
        // Sentence scores of an analysis ask for the same signature per pair: an unchanged one is reused (issue 19).
        if (signature is null || signatureNrefs != nrefs)
        {
            signature = $"nrefs:{nrefs}|case:{(Options.Lowercase ? "lc" : "mixed")}" +
                $"|eff:{(Options.EpsSmoothing ? "no" : "yes")}|nc:{Options.CharOrder}|nw:{Options.WordOrder}" +
                $"|space:{(Options.Whitespace ? "yes" : "no")}|version:{MetricVersion.Value}";
            signatureNrefs = nrefs;
        }

        return new ChrFScore(FScore(stats), Options.CharOrder, Options.WordOrder, Options.Beta, signature);
    }

    /// <summary>sacreBLEU's <c>CHRF._compute_f_score</c>, keeping its order of floating-point operations.</summary>
    private double FScore(ReadOnlySpan<long> stats)
    {
        double factor = Options.Beta * Options.Beta;
        double score = 0.0, avgPrec = 0.0, avgRec = 0.0;
        var effectiveOrder = 0;
        for (var i = 0; i < Order; i++)
        {
            var nHyp = stats[3 * i];
            var nRef = stats[(3 * i) + 1];
            var nMatch = stats[(3 * i) + 2];
            var prec = nHyp > 0 ? (double)nMatch / nHyp : Epsilon;
            var rec = nRef > 0 ? (double)nMatch / nRef : Epsilon;
            var denom = (factor * prec) + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : Epsilon;
            if (nHyp > 0 && nRef > 0)
            {
                avgPrec += prec;
                avgRec += rec;
                effectiveOrder++;
            }
        }

        if (Options.EpsSmoothing)
        {
            return 100 * score / Order;
        }

        if (effectiveOrder == 0)
        {
            avgPrec = avgRec = 0.0;
        }
        else
        {
            avgPrec /= effectiveOrder;
            avgRec /= effectiveOrder;
        }

        if (avgPrec + avgRec != 0)
        {
            score = (1 + factor) * avgPrec * avgRec;
            score /= (factor * avgPrec) + avgRec;
            return 100 * score;
        }

        return 0.0;
    }

    private long[] BestStatistics(string hypothesis, IReadOnlyList<string> references, SegmentScratch state)
    {
        var hyp = Prepare(hypothesis, state);
        long[]? best = null;
        var bestF = -1.0;
        foreach (var reference in references)
        {
            var stats = Statistics(hyp, Prepare(reference, state), state.Matcher);
            var f = FScore(stats);
            if (f > bestF)
            {
                bestF = f;
                best = stats;
            }
        }

        return best!;
    }

    private long[] Statistics(Prepared hyp, Prepared reference, NGramMatcher matcher)
    {
        var stats = new long[3 * Order];
        AddOrders(hyp.Chars, reference.Chars, Options.CharOrder, 0, stats, matcher);
        if (Options.WordOrder > 0)
        {
            AddOrders(hyp.Words, reference.Words, Options.WordOrder, Options.CharOrder, stats, matcher);
        }

        return stats;
    }

    private static void AddOrders(int[] hyp, int[] reference, int maxOrder, int firstSlot, long[] stats, NGramMatcher matcher)
    {
        if (maxOrder == 0)
        {
            return;
        }

        matcher.Clear();
        matcher.AddReference(reference, maxOrder);
        Span<long> matches = stackalloc long[maxOrder];
        matcher.CountMatches(hyp, maxOrder, matches);
        for (var n = 1; n <= maxOrder; n++)
        {
            var slot = 3 * (firstSlot + n - 1);
            var refCount = Math.Max(0, reference.Length - n + 1);

            // sacreBLEU does not count hypothesis n-grams of an order the reference has none of.
            stats[slot] = refCount > 0 ? Math.Max(0, hyp.Length - n + 1) : 0;
            stats[slot + 1] = refCount;
            stats[slot + 2] = matches[n - 1];
        }
    }

    private Prepared Prepare(string segment, SegmentScratch state)
    {
        if (Options.Lowercase)
        {
            segment = PyText.Lower(segment);
        }

        var chars = PyText.CodePoints(Options.Whitespace ? segment : PyText.RemoveSpaces(segment));
        var words = Options.WordOrder > 0 ? state.Vocabulary.Intern(SplitPunctuation(segment)) : [];
        return new Prepared(chars, words);
    }

    /// <summary>
    /// sacreBLEU's <c>_remove_punctuation</c>: one ASCII punctuation mark is split off the end of a word, or else off
    /// its start (so "(hi)" becomes "(hi" and ")", sacreBLEU issue #124).
    /// </summary>
    internal static List<string> SplitPunctuation(string sentence)
    {
        var words = PyText.Split(sentence);
        var result = new List<string>(words.Count + 4);
        foreach (var w in words)
        {
            if (w.Length == 1 || IsSingleCodePoint(w))
            {
                result.Add(w);
            }
            else if (Punctuation.Contains(w[^1], StringComparison.Ordinal))
            {
                result.Add(w[..^1]);
                result.Add(w[^1..]);
            }
            else if (Punctuation.Contains(w[0], StringComparison.Ordinal))
            {
                result.Add(w[..1]);
                result.Add(w[1..]);
            }
            else
            {
                result.Add(w);
            }
        }

        return result;
    }

    private static bool IsSingleCodePoint(string w) => w.Length == 2 && char.IsSurrogatePair(w[0], w[1]);

    private readonly record struct Prepared(int[] Chars, int[] Words);
}
