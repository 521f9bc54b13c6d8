using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Evaluation.Tokenizers;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// BLEU exactly as sacreBLEU 2.6 computes it (tokenization, clipping, closest reference length, smoothing and the
/// floating-point order of operations), so scores are comparable with published sacreBLEU numbers.
/// </summary>
public sealed class BleuMetric
{
    private const double LogOfZero = -9999999999;

    private readonly IBleuTokenizer tokenizer;
    private string? signature;
    private (string Nrefs, bool EffectiveOrder) signatureKey;

    public BleuMetric(BleuOptions? options = null)
    {
        Options = options ?? new BleuOptions();
        if (Options.MaxNgramOrder < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxNgramOrder, "MaxNgramOrder must be at least 1.");
        }

        tokenizer = BleuTokenizers.Create(Options.Tokenize);
    }

    public BleuOptions Options { get; }

    /// <summary>Signature of the last score computed; like sacreBLEU, unknown until references have been seen.</summary>
    public string Signature => signature
        ?? throw new InvalidOperationException("The number of references is unknown; compute a score first.");

    public BleuScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ReferenceStreams.Validate(hypotheses, referenceStreams);
        var order = Options.MaxNgramOrder;
        var correct = new long[order];
        var total = new long[order];
        long sysLen = 0, refLen = 0;
        var state = new SegmentScratch();
        var nrefs = ReferenceStreams.EachSegment(hypotheses, referenceStreams, (i, references) =>
        {
            var (hypLen, closestRefLen) = AddSegment(hypotheses[i], references, state, correct, total);
            sysLen += hypLen;
            refLen += closestRefLen;
        });

        var effectiveOrder = Options.EffectiveOrder ?? false;
        var signature = RememberSignature(nrefs, effectiveOrder);
        return Compute(correct, total, sysLen, refLen, effectiveOrder, signature);
    }

    /// <summary>
    /// Per-segment statistics <c>[hyp_len, ref_len, matches_1..n, totals_1..n]</c> for significance tests; also sets
    /// <see cref="Signature"/> like <see cref="CorpusScore"/>. Scores from them use the corpus settings (no effective
    /// order unless <see cref="BleuOptions.EffectiveOrder"/> says so).
    /// </summary>
    public SegmentStatistics CorpusStatistics(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ReferenceStreams.Validate(hypotheses, referenceStreams);
        var order = Options.MaxNgramOrder;
        var width = 2 + (2 * order);
        var values = new double[hypotheses.Count * width];
        var correct = new long[order];
        var total = new long[order];
        var state = new SegmentScratch();
        var nrefs = ReferenceStreams.EachSegment(hypotheses, referenceStreams, (i, references) =>
        {
            Array.Clear(correct);
            Array.Clear(total);
            var (hypLen, closestRefLen) = AddSegment(hypotheses[i], references, state, correct, total);
            var row = values.AsSpan(i * width, width);
            row[0] = hypLen;
            row[1] = closestRefLen;
            for (var n = 0; n < order; n++)
            {
                row[2 + n] = correct[n];
                row[2 + order + n] = total[n];
            }
        });

        var effectiveOrder = Options.EffectiveOrder ?? false;
        var signature = RememberSignature(nrefs, effectiveOrder);
        var smoothing = Options.Smoothing;
        var smoothValue = Options.SmoothValue;
        return new SegmentStatistics("BLEU", signature, width, values, totals =>
        {
            var c = new long[order];
            var t = new long[order];
            for (var n = 0; n < order; n++)
            {
                c[n] = (long)totals[2 + n];
                t[n] = (long)totals[2 + order + n];
            }

            return ComputeBleu(c, t, (long)totals[0], (long)totals[1], smoothing, smoothValue, effectiveOrder).Score;
        });
    }

    public BleuScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ReferenceStreams.ValidateSentence(hypothesis, references);
        var order = Options.MaxNgramOrder;
        var correct = new long[order];
        var total = new long[order];
        var (hypLen, refLen) = AddSegment(hypothesis, references, SegmentScratch.ForSentence(), correct, total);
        var effectiveOrder = Options.EffectiveOrder ?? true;
        var signature = RememberSignature(references.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), effectiveOrder);
        return Compute(correct, total, hypLen, refLen, effectiveOrder, signature);
    }

    /// <summary>sacreBLEU's <c>BLEU.compute_bleu</c> on aggregated statistics.</summary>
    public static BleuScore ComputeBleu(
        IReadOnlyList<long> correct,
        IReadOnlyList<long> total,
        long sysLen,
        long refLen,
        BleuSmoothing smoothing,
        double? smoothValue,
        bool effectiveOrder,
        string signature = "")
    {
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(total);
        if (correct.Count != total.Count || correct.Count == 0)
        {
            throw new ArgumentException("correct and total must be non-empty and of equal length.", nameof(total));
        }

        var order = correct.Count;
        var value = smoothValue ?? DefaultSmoothValue(smoothing);
        var counts = correct.Select(c => (double)c).ToArray();
        var totals = total.Select(t => (double)t).ToArray();

        double bp;
        if (sysLen < refLen)
        {
            bp = sysLen > 0 ? Math.Exp(1 - ((double)refLen / sysLen)) : 0.0;
        }
        else
        {
            bp = 1.0;
        }

        var precisions = new double[order];
        if (counts.All(c => c == 0))
        {
            return new BleuScore(0.0, counts, totals, precisions, bp, Ratio(sysLen, refLen), checked((int)sysLen), checked((int)refLen), signature);
        }

        var smoothMteval = 1.0;
        var effOrder = order;
        for (var n = 1; n <= order; n++)
        {
            if (smoothing == BleuSmoothing.AddK && n > 1)
            {
                counts[n - 1] += value;
                totals[n - 1] += value;
            }

            if (totals[n - 1] == 0)
            {
                break;
            }

            if (effectiveOrder)
            {
                effOrder = n;
            }

            if (counts[n - 1] == 0)
            {
                if (smoothing == BleuSmoothing.Exp)
                {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * totals[n - 1]);
                }
                else if (smoothing == BleuSmoothing.Floor)
                {
                    precisions[n - 1] = 100.0 * value / totals[n - 1];
                }
            }
            else
            {
                precisions[n - 1] = 100.0 * counts[n - 1] / totals[n - 1];
            }
        }

        var sum = 0.0;
        for (var n = 0; n < effOrder; n++)
        {
            sum += precisions[n] == 0.0 ? LogOfZero : Math.Log(precisions[n]);
        }

        var score = bp * Math.Exp(sum / effOrder);
        return new BleuScore(score, counts, totals, precisions, bp, Ratio(sysLen, refLen), checked((int)sysLen), checked((int)refLen), signature);
    }

    private static double Ratio(long sysLen, long refLen) => refLen != 0 ? (double)sysLen / refLen : 0;

    private static double DefaultSmoothValue(BleuSmoothing smoothing) => smoothing switch
    {
        BleuSmoothing.Floor => 0.1,
        BleuSmoothing.AddK => 1,
        _ => 0,
    };

    private BleuScore Compute(long[] correct, long[] total, long sysLen, long refLen, bool effectiveOrder, string signature) =>
        ComputeBleu(correct, total, sysLen, refLen, Options.Smoothing, Options.SmoothValue, effectiveOrder, signature);

    // Builds the signature of the score being computed and keeps it as the last one (Signature). Sentence scores of an
    // analysis ask for the same one per pair, so an unchanged signature is reused rather than rebuilt (issue 19).
    private string RememberSignature(string nrefs, bool effectiveOrder)
    {
        if (signature is not null && signatureKey == (nrefs, effectiveOrder))
        {
            return signature;
        }

        var smooth = Options.Smoothing switch
        {
            BleuSmoothing.None => "none",
            BleuSmoothing.Exp => "exp",
            BleuSmoothing.Floor => $"floor[{PyFormat.Fixed(Options.SmoothValue ?? 0.1, 2)}]",
            BleuSmoothing.AddK => $"add-k[{PyFormat.Fixed(Options.SmoothValue ?? 1, 2)}]",
            _ => throw new InvalidOperationException($"Unknown smoothing {Options.Smoothing}."),
        };
        signature = $"nrefs:{nrefs}|case:{(Options.Lowercase ? "lc" : "mixed")}|eff:{(effectiveOrder ? "yes" : "no")}" +
            $"|tok:{tokenizer.Signature}|smooth:{smooth}|version:{MetricVersion.Value}";
        signatureKey = (nrefs, effectiveOrder);
        return signature;
    }

    private string Preprocess(string segment)
    {
        if (Options.Lowercase)
        {
            segment = PyText.Lower(segment);
        }

        return tokenizer.Tokenize(PyText.RStrip(segment));
    }

    private (long HypLen, long RefLen) AddSegment(
        string hypothesis, IReadOnlyList<string> references, SegmentScratch state, long[] correct, long[] total)
    {
        var order = Options.MaxNgramOrder;
        state.Matcher.Clear();
        int closestDiff = -1, closestLen = -1;
        var hypTokens = state.Vocabulary.SplitAndIntern(Preprocess(hypothesis));
        var hypLen = hypTokens.Length;
        foreach (var reference in references)
        {
            var refTokens = state.Vocabulary.SplitAndIntern(Preprocess(reference));
            state.Matcher.AddReference(refTokens, order);

            // Closest reference length; ties go to the shorter reference.
            var diff = Math.Abs(hypLen - refTokens.Length);
            if (closestDiff == -1 || diff < closestDiff)
            {
                closestDiff = diff;
                closestLen = refTokens.Length;
            }
            else if (diff == closestDiff && refTokens.Length < closestLen)
            {
                closestLen = refTokens.Length;
            }
        }

        state.Matcher.CountMatches(hypTokens, order, correct);
        for (var n = 1; n <= order; n++)
        {
            total[n - 1] += Math.Max(0, hypLen - n + 1);
        }

        return (hypLen, closestLen);
    }
}
