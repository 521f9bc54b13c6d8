using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Threading;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Sentence-level chrF, BLEU and TER of every pair against its human reference (the engine's sacreBLEU-exact
/// metrics with their sentence defaults), turned into error rates and distributions, plus the reference-free
/// <see cref="ErrorSignals"/> of each pair. Missing hypotheses (failed generations, null) are scored as empty
/// output: chrF 0, BLEU 0, TER 100. Work is split into chunks that run in parallel, each with its own metric
/// instances (the metrics keep their last signature, so instances are not shared across threads).
/// </summary>
public static class ErrorAnalysis
{
    public static ErrorAnalysisResult Analyze(
        IReadOnlyList<string>? sources,
        IReadOnlyList<string?> references,
        IReadOnlyList<string?> hypotheses,
        ErrorAnalysisOptions? options = null,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        options ??= new ErrorAnalysisOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, nameof(options.ChunkSize));
        if (references.Count != hypotheses.Count || (sources is not null && sources.Count != hypotheses.Count))
        {
            throw new ArgumentException(
                $"Sources ({sources?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}), references ({references.Count}) and hypotheses ({hypotheses.Count}) must be aligned.");
        }

        var indices = Enumerable.Range(0, hypotheses.Count).Where(i => !string.IsNullOrWhiteSpace(references[i])).ToArray();
        var chrf = new double[indices.Length];
        var bleu = new double[indices.Length];
        var ter = new double[indices.Length];
        var signals = sources is null ? null : new PairErrorSignals[indices.Length];
        var signatures = new string[3];
        var chunks = (indices.Length + options.ChunkSize - 1) / options.ChunkSize;
        var done = 0;
        Parallel.For(
            0,
            chunks,
            CallerParallelism.Options(cancellationToken, Environment.ProcessorCount),
            chunk =>
            {
                var chrfMetric = new ChrFMetric();
                var bleuMetric = new BleuMetric();
                var terMetric = new TerMetric();
                var end = Math.Min(indices.Length, (chunk + 1) * options.ChunkSize);
                var refs = new string[1];
                for (var k = chunk * options.ChunkSize; k < end; k++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var i = indices[k];
                    refs[0] = references[i]!;
                    var hyp = hypotheses[i] ?? string.Empty;
                    chrf[k] = chrfMetric.SentenceScore(hyp, refs).Score;
                    bleu[k] = bleuMetric.SentenceScore(hyp, refs).Score;
                    ter[k] = terMetric.SentenceScore(hyp, refs).Score;
                    if (signals is not null)
                    {
                        signals[k] = ErrorSignals.Compute(sources![i], hypotheses[i], options.Signals);
                    }
                }

                if (chunk == 0)
                {
                    signatures[0] = "chrF2|" + chrfMetric.Signature;
                    signatures[1] = "BLEU|" + bleuMetric.Signature;
                    signatures[2] = "TER|" + terMetric.Signature;
                }

                progress?.Report((double)Interlocked.Increment(ref done) / chunks);
            });

        if (chunks == 0)
        {
            signatures = ["chrF2", "BLEU", "TER"];
        }

        var anyErrors = 0;
        for (var k = 0; k < indices.Length; k++)
        {
            if (chrf[k] < options.ChrFThreshold || bleu[k] < options.BleuThreshold || ter[k] > options.TerThreshold)
            {
                anyErrors++;
            }
        }

        return new ErrorAnalysisResult
        {
            Pairs = indices.Length,
            SkippedWithoutReference = hypotheses.Count - indices.Length,
            ChrF = ScoreDistribution.Create("chrF2", chrf, options.ChrFThreshold, higherIsWorse: false, binWidth: options.BinWidth),
            Bleu = ScoreDistribution.Create("BLEU", bleu, options.BleuThreshold, higherIsWorse: false, binWidth: options.BinWidth),
            Ter = ScoreDistribution.Create("TER", ter, options.TerThreshold, higherIsWorse: true, binWidth: options.BinWidth),
            AnyMetricErrorRate = indices.Length == 0 ? 0 : (double)anyErrors / indices.Length,
            Signals = signals is null ? null : ErrorSignalSummary.Of(signals),
            PairIndices = indices,
            SentenceChrF = chrf,
            SentenceBleu = bleu,
            SentenceTer = ter,
            PairSignals = signals,
            Options = options,
            Signatures = signatures,
        };
    }
}
