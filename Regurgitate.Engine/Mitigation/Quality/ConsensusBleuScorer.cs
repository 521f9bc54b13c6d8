using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// <see cref="ConsensusChrFScorer"/> with sentence BLEU (sacreBLEU-exact, 0–100, exponential smoothing and effective
/// order as sacreBLEU's sentence BLEU) in place of chrF: the mean BLEU of the target against each other generator's
/// target. Word-level, so it rewards shared phrasing more and partial word matches less than chrF. Null when no
/// non-empty other target exists.
/// </summary>
public sealed class ConsensusBleuScorer : IQualityScorer
{
    private readonly BleuOptions? options;

    /// <param name="options">BLEU variant; sacreBLEU's defaults when null.</param>
    public ConsensusBleuScorer(BleuOptions? options = null)
    {
        this.options = options;
    }

    public string Name => QualityScorerNames.ConsensusBleu;

    public bool IsOracle => false;

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var metric = new BleuMetric(options);
        return PairwiseScoring.RunAsync(inputs, input => Consensus.Mean(input, (hypothesis, reference) => metric.SentenceScore(hypothesis, [reference]).Score), progress, cancellationToken);
    }
}
