using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// Agreement across generators: the mean sentence chrF (sacreBLEU-exact, 0–100) of the target against each other
/// generator's target for the same source, each taken as a single reference. Independent systems rarely make the
/// same error, so a target close to the others is more likely right. Other targets that are empty or whitespace only
/// (failed generations) are skipped; null when no other target remains. Reference-free.
/// </summary>
public sealed class ConsensusChrFScorer : IQualityScorer
{
    private readonly ChrFOptions options;

    /// <param name="options">chrF variant; sacreBLEU's chrF2 by default.</param>
    public ConsensusChrFScorer(ChrFOptions? options = null)
    {
        this.options = options ?? new ChrFOptions();
        _ = new ChrFMetric(this.options); // validates the options now rather than at the first score
    }

    public string Name => QualityScorerNames.Consensus;

    public bool IsOracle => false;

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // One metric per call: the metric remembers its last signature, so it is not shared between threads.
        var metric = new ChrFMetric(options);
        return PairwiseScoring.RunAsync(inputs, input => Consensus.Mean(input, (hypothesis, reference) => metric.SentenceScore(hypothesis, [reference]).Score), progress, cancellationToken);
    }
}
