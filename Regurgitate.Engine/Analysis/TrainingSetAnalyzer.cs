using System.Collections.Concurrent;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Measures training sets (pairs with their human references, see <see cref="TrainingExample"/>) for the two
/// mechanisms: errors (share of targets with sentence chrF2 below <see cref="ErrorAnalysisOptions.ChrFThreshold"/>
/// against the human reference of the same source, the engine's sacreBLEU-exact chrF as in <see cref="ErrorAnalysis"/>;
/// a target identical to its reference, as every real pair's is, is not an error), reference-free <see cref="ErrorSignals"/> ("any signal"), and
/// lexical diversity of the targets (<see cref="LexicalTokenizer"/> tokens in training order: MTLD, and the tokens for a
/// rarefied vocabulary at a budget shared by several sets). Training sets of one experiment overlap heavily (nested
/// sizes, the same pool), so one analyzer scores each distinct pair once; it is safe to use from several threads.
/// </summary>
public sealed class TrainingSetAnalyzer(ErrorAnalysisOptions? options = null)
{
    private readonly ErrorAnalysisOptions options = options ?? new ErrorAnalysisOptions();
    private readonly ConcurrentDictionary<(string Reference, string Target), double> chrF = new();
    private readonly ConcurrentDictionary<(string Source, string Target), bool> signals = new();
    private readonly ConcurrentDictionary<string, string[]> tokens = new(StringComparer.Ordinal);

    public ErrorAnalysisOptions Options => options;

    public TrainingSetMeasures Measure(IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var chrF = new ChrFMetric();
        var references = new string[1];
        int scored = 0, errors = 0, flagged = 0;
        var tokenized = new string[examples.Count][];
        for (var i = 0; i < examples.Count; i++)
        {
            if (i % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var example = examples[i];
            var target = example.Pair.Target;
            // A pair without a human reference has nothing to be scored against (ErrorAnalysis leaves it out too).
            var hasReference = !string.IsNullOrWhiteSpace(example.Reference);
            scored += hasReference ? 1 : 0;
            if (hasReference && !string.Equals(target, example.Reference, StringComparison.Ordinal))
            {
                var score = this.chrF.GetOrAdd((example.Reference, target), key =>
                {
                    references[0] = key.Reference;
                    return chrF.SentenceScore(key.Target, references).Score;
                });
                errors += score < options.ChrFThreshold ? 1 : 0;
            }

            flagged += signals.GetOrAdd((example.Pair.Source, target), key => ErrorSignals.Compute(key.Source, key.Target, options.Signals).Any) ? 1 : 0;
            tokenized[i] = this.tokens.GetOrAdd(target, LexicalTokenizer.Tokenize);
        }

        var tokens = tokenized.SelectMany(t => t).ToArray();
        return new TrainingSetMeasures(
            examples.Count,
            examples.Count(e => e.IsReal),
            scored == 0 ? 0 : (double)errors / scored,
            examples.Count == 0 ? 0 : (double)flagged / examples.Count,
            LexicalDiversity.Mtld(tokens),
            tokens);
    }
}
