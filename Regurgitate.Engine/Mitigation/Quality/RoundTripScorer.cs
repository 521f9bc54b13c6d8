using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// Round-trip agreement: the target is translated back into German by a reverse (English→German) model, and the
/// back-translation is scored with sentence chrF (sacreBLEU-exact, 0–100) against the real source. A target that
/// dropped or distorted content cannot be translated back into its source. The reverse model is trained like any run
/// with <see cref="Experiments.RunConfig.Reverse"/> set; its own errors add noise that is the same for every
/// generator. Null when the source is empty or whitespace only; an empty target scores 0. The model is borrowed,
/// not owned (the caller disposes it), and one call at a time may use it.
/// </summary>
public sealed class RoundTripScorer : IQualityScorer
{
    private readonly TrainedModel reverseModel;
    private readonly DecodingConfig decoding;
    private readonly SingleReferenceChrF chrF;

    /// <param name="reverseModel">An English→German model; a run directory of a forward run is refused.</param>
    /// <param name="decoding">How the back-translation is decoded; greedy by default (cheap, and deterministic).</param>
    /// <param name="options">chrF variant; sacreBLEU's chrF2 by default.</param>
    public RoundTripScorer(TrainedModel reverseModel, DecodingConfig? decoding = null, ChrFOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reverseModel);
        if (reverseModel.RunConfig is { Reverse: false })
        {
            throw new ArgumentException($"The model from {reverseModel.Checkpoint} translates German into English; round-trip scores need a reverse (English→German) run.", nameof(reverseModel));
        }

        this.reverseModel = reverseModel;
        this.decoding = decoding ?? DecodingConfig.Greedy;
        chrF = new SingleReferenceChrF(options);
    }

    public string Name => QualityScorerNames.RoundTrip;

    public bool IsOracle => false;

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken) =>
        PairwiseScoring.RunBatchAsync(inputs, progress, cancellationToken, (scorable, results) =>
        {
            var back = reverseModel.Translate(
                scorable.Select(i => inputs[i].Target ?? string.Empty).ToList(),
                decoding,
                ScaledProgress.Of(progress, 0, 0.95),
                cancellationToken);
            var chrF = this.chrF.ForOneCall();
            for (var k = 0; k < scorable.Count; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[scorable[k]] = chrF(back[k], inputs[scorable[k]].Source);
            }
        });
}
