using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// Sentence chrF (sacreBLEU-exact, 0–100) of the target against the human reference. <b>Analysis only</b>: it needs
/// human references, which the synthetic-data setting by definition does not have, so it serves as the upper bound
/// the reference-free scores are measured against, never to order training data. Null when the reference is missing
/// or whitespace only.
/// </summary>
public sealed class OracleChrFScorer : IQualityScorer
{
    private readonly SingleReferenceChrF chrF;

    /// <param name="options">chrF variant; sacreBLEU's chrF2 by default.</param>
    public OracleChrFScorer(ChrFOptions? options = null)
    {
        chrF = new SingleReferenceChrF(options);
    }

    public string Name => QualityScorerNames.OracleChrF;

    public bool IsOracle => true;

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var chrF = this.chrF.ForOneCall();
        return PairwiseScoring.RunAsync(
            inputs,
            input => string.IsNullOrWhiteSpace(input.Reference) ? null : chrF(input.Target ?? string.Empty, input.Reference),
            progress,
            cancellationToken);
    }
}
