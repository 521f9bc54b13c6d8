using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// How likely a forward (German→English) model finds the target: the mean per-token log-probability of the target
/// (subword tokens plus EOS) given the source, from <see cref="TrainedModel.ScoreTargets"/>. The model is meant to be
/// trained on a small seed set of real pairs, so the score measures how human-like a synthetic target looks to a
/// model of real translations; it is at most 0 and length-normalised so that long targets are not penalised for
/// their length. Null when the source is empty or whitespace only, or when the target does not fit the model's
/// positions. The model is borrowed, not owned (the caller disposes it), and one call at a time may use it.
/// </summary>
public sealed class ModelScoreScorer : IQualityScorer
{
    private readonly TrainedModel model;
    private readonly int batchSize;

    /// <param name="model">A German→English model; a <see cref="Experiments.RunConfig.Reverse"/> run is refused.</param>
    /// <param name="batchSize">Pairs per forward pass.</param>
    public ModelScoreScorer(TrainedModel model, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (model.RunConfig is { Reverse: true })
        {
            throw new ArgumentException($"The model from {model.Checkpoint} translates English into German; the model score needs a German→English model.", nameof(model));
        }

        this.model = model;
        this.batchSize = batchSize;
    }

    public string Name => QualityScorerNames.Model;

    public bool IsOracle => false;

    public Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken) =>
        PairwiseScoring.RunBatchAsync(inputs, progress, cancellationToken, (scorable, results) =>
        {
            var scores = model.ScoreTargets(
                scorable.Select(i => inputs[i].Source).ToList(),
                scorable.Select(i => inputs[i].Target ?? string.Empty).ToList(),
                batchSize,
                ScaledProgress.Of(progress, 0, 0.99),
                cancellationToken);
            for (var k = 0; k < scorable.Count; k++)
            {
                results[scorable[k]] = double.IsFinite(scores[k]) ? scores[k] : null;
            }
        });
}
