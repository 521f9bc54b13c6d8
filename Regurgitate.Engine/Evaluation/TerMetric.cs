using System.Globalization;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// Translation edit rate (Snover et al. 2006) exactly as sacreBLEU 2.6's <c>TER</c>: per segment the fewest edits
/// over the references and the average reference length, summed over the corpus.
/// </summary>
public sealed class TerMetric
{
    private readonly TercomNormalizer normalizer;
    private string? signature;
    private string? signatureNrefs;

    public TerMetric(TerOptions? options = null)
    {
        Options = options ?? new TerOptions();
        normalizer = new TercomNormalizer(Options);
    }

    public TerOptions Options { get; }

    /// <summary>Signature of the last score computed; like sacreBLEU, unknown until references have been seen.</summary>
    public string Signature => signature
        ?? throw new InvalidOperationException("The number of references is unknown; compute a score first.");

    public TerScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ReferenceStreams.Validate(hypotheses, referenceStreams);
        long totalEdits = 0;
        var sumRefLengths = 0.0;
        var vocabulary = new TokenVocabulary();
        var nrefs = ReferenceStreams.EachSegment(hypotheses, referenceStreams, (i, references) =>
        {
            var (edits, averageRefLength) = Segment(hypotheses[i], references, vocabulary);
            totalEdits += edits;
            sumRefLengths += averageRefLength;
        });

        return Finish(totalEdits, sumRefLengths, nrefs);
    }

    /// <summary>
    /// Per-segment statistics <c>[edits, average reference length]</c> for significance tests; also sets
    /// <see cref="Signature"/> like <see cref="CorpusScore"/>.
    /// </summary>
    public SegmentStatistics CorpusStatistics(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        ReferenceStreams.Validate(hypotheses, referenceStreams);
        var values = new double[hypotheses.Count * 2];
        var vocabulary = new TokenVocabulary();
        var nrefs = ReferenceStreams.EachSegment(hypotheses, referenceStreams, (i, references) =>
        {
            var (edits, averageRefLength) = Segment(hypotheses[i], references, vocabulary);
            values[2 * i] = edits;
            values[(2 * i) + 1] = averageRefLength;
        });

        var signature = Finish(0, 0, nrefs).Signature;
        return new SegmentStatistics("TER", signature, 2, values, totals => 100 * EditRate(totals[0], totals[1]));
    }

    public TerScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ReferenceStreams.ValidateSentence(hypothesis, references);
        var (edits, averageRefLength) = Segment(hypothesis, references, SegmentScratch.ForSentence().Vocabulary);
        return Finish(edits, averageRefLength, references.Count.ToString(CultureInfo.InvariantCulture));
    }

    private TerScore Finish(long totalEdits, double sumRefLengths, string nrefs)
    {
        var score = EditRate(totalEdits, sumRefLengths);
        // Sentence scores of an analysis ask for the same signature per pair: an unchanged one is reused (issue 19).
        if (signature is null || signatureNrefs != nrefs)
        {
            signature = $"nrefs:{nrefs}|case:{(Options.CaseSensitive ? "mixed" : "lc")}|tok:tercom" +
                $"|norm:{(Options.Normalized ? "yes" : "no")}|punct:{(Options.NoPunct ? "no" : "yes")}|asian:no" +
                $"|version:{MetricVersion.Value}";
            signatureNrefs = nrefs;
        }

        return new TerScore(100 * score, totalEdits, sumRefLengths, signature);
    }

    private static double EditRate(double totalEdits, double sumRefLengths)
    {
        if (sumRefLengths > 0)
        {
            return totalEdits / sumRefLengths;
        }

        // Empty references: any hypothesis word is an error; both empty is a perfect match.
        return totalEdits > 0 ? 1.0 : 0.0;
    }

    private (int Edits, double AverageRefLength) Segment(string hypothesis, IReadOnlyList<string> references, TokenVocabulary vocabulary)
    {
        var hypWords = vocabulary.SplitAndIntern(Preprocess(hypothesis));
        var bestEdits = int.MaxValue;
        var refLengths = 0;
        foreach (var reference in references)
        {
            var (edits, refLength) = TranslationEditRate.Compute(hypWords, vocabulary.SplitAndIntern(Preprocess(reference)));
            refLengths += refLength;
            if (edits < bestEdits)
            {
                bestEdits = edits;
            }
        }

        return (bestEdits, (double)refLengths / references.Count);
    }

    private string Preprocess(string segment) => normalizer.Normalize(PyText.RStrip(segment));
}
