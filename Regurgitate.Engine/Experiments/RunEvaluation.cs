using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Experiments;

/// <summary>Translates a split with the run's model and scores it with the sacreBLEU-exact BLEU and chrF.</summary>
internal static class RunEvaluation
{
    /// <summary>Translations shown beside each evaluation (the first pairs of the split).</summary>
    private const int SampleCount = 5;

    /// <param name="outputDirectory">Where the test translations are written (<see cref="TestOutputs"/>); null for dev.</param>
    public static EvaluationCompleted Evaluate(
        EvaluationSplit split,
        int step,
        IReadOnlyList<SentencePair> pairs,
        IReadOnlyList<IReadOnlyList<string?>> references,
        IReadOnlyList<int[]> sources,
        SubwordTokenizer tokenizer,
        ITranslationDecoder decoder,
        double? loss,
        CancellationToken cancellationToken,
        string? outputDirectory = null)
    {
        var hypotheses = decoder.Translate(sources, null, cancellationToken).Select(ids => tokenizer.Decode(ids)).ToList();
        if (outputDirectory is not null)
        {
            TestOutputs.Write(outputDirectory, pairs, hypotheses, references.Count > 1 ? references[1] : null);
        }

        var bleu = new BleuMetric().CorpusScore(hypotheses, references);
        var chrf = new ChrFMetric().CorpusScore(hypotheses, references);
        var samples = pairs.Take(SampleCount).Select((p, i) => new TranslationSample(p.Source, p.Target, hypotheses[i])).ToList();
        return new EvaluationCompleted(step, split, bleu.Score, bleu.Signature, chrf.Score, chrf.Signature, loss, samples);
    }
}
