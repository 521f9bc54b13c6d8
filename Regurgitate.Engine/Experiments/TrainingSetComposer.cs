using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// The training pairs of a run with their origin: the loader's sample for a plain real run, otherwise a mixture drawn
/// from the whole training pool. Shared by the runner and by <see cref="TrainingSetPlanner"/>, so that a run's
/// planned budget is computed from exactly the pairs it will train on.
/// </summary>
public sealed class TrainingSetComposer(SyntheticDatasetRepository synthetic)
{
    /// <param name="note">Receives what a researcher should know about the composition (loading, shortfalls).</param>
    /// <returns>The examples, and the mixture's report (null for a plain real run).</returns>
    public (IReadOnlyList<TrainingExample> Examples, MixtureReport? Report) Compose(RunConfig config, DataSplits splits, Action<string> note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(note);
        if (config.Mixture.IsPlainReal)
        {
            return ([.. splits.Train.Select(TrainingExample.Real)], null);
        }

        var sets = new Dictionary<string, SyntheticTargetSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in config.Mixture.GeneratorIds)
        {
            note($"Loading synthetic targets '{id}'");
            sets[id] = synthetic.LoadAsync(id, cancellationToken).GetAwaiter().GetResult();
        }

        Dictionary<string, PairScores>? scores = null;
        if (config.Mixture.Order is { } order)
        {
            scores = new Dictionary<string, PairScores>(StringComparer.OrdinalIgnoreCase);
            foreach (var share in config.Mixture.Synthetic)
            {
                scores[share.GeneratorId] = PairScoreStore.LoadAsync(order.ScoresDirectory, share.GeneratorId, cancellationToken).GetAwaiter().GetResult();
            }
        }

        var (examples, report) = config.Mixture.Parts is { Count: > 0 }
            ? PartsComposer.Compose(splits.Train, sets, config.Mixture, config.EffectiveDataSeed)
            : MixtureComposer.Compose(splits.Train, sets, config.Mixture, config.TrainSize, config.EffectiveDataSeed, scores);
        if (examples.Count == 0)
        {
            throw new InvalidOperationException($"No source of the training pool was translated by every generator of the mixture ({string.Join(", ", config.Mixture.GeneratorIds)}); nothing to train on.");
        }

        if (examples.Count < config.TrainSize)
        {
            note($"Only {report.Candidates:N0} sources are translated by every generator of the mixture; training on {examples.Count:N0} instead of {config.TrainSize:N0} pairs.");
        }

        note($"Training set: {report.Describe()}");
        if (report.DescribeFailures() is { Length: > 0 } failures)
        {
            note(failures);
        }

        return (examples, report);
    }
}
