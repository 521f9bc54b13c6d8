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
    private readonly SingleReferenceChrF chrF;

    /// <param name="options">chrF variant; sacreBLEU's chrF2 by default.</param>
    public ConsensusChrFScorer(ChrFOptions? options = null)
    {
        chrF = new SingleReferenceChrF(options);
    }

    public string Name => QualityScorerNames.Consensus;

    public bool IsOracle => false;

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var chrF = this.chrF.ForOneCall();
        return PairwiseScoring.RunAsync(inputs, input => Consensus.Mean(input, chrF), progress, cancellationToken);
    }
}
