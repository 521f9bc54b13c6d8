using Regurgitate.Engine.Data;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// A run's <see cref="TrainingSchedule"/> without training it: the same split, composition, encoding, length filter
/// and batch plan as <see cref="RunExecutor"/>, so the steps and tokens it reports are the ones the run will
/// train for. Experiments use it to give every condition the budget of the all-real run of the same size and seed.
/// Needs the run's tokenizer in advance, i.e. a <see cref="RunConfig.TokenizerDirectory"/> (a shared vocabulary).
/// </summary>
public sealed class TrainingSetPlanner(CorpusLoader corpora, TrainingSetComposer composer)
{
    /// <exception cref="InvalidOperationException">The run learns its own vocabulary, or its training set is empty after the filter.</exception>
    public async Task<TrainingSchedule> PlanAsync(RunConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var directory = config.TokenizerDirectory
            ?? throw new InvalidOperationException("A run's budget can be planned before training only when its tokenizer is given (a shared vocabulary).");
        var splits = await corpora.LoadSplitsAsync(SplitRequest.From(config), null, cancellationToken).ConfigureAwait(false);
        // Composing, encoding and planning are CPU-bound (and the composer reads synthetic sets synchronously).
        return await Task.Run(
            () =>
            {
                var (examples, _) = composer.Compose(config, splits, _ => { }, cancellationToken);
                IReadOnlyList<SentencePair> pairs = [.. examples.Select(e => config.Reverse ? new SentencePair(e.Pair.Target, e.Pair.Source) : e.Pair)];
                var tokenizer = SubwordTokenizer.Load(directory);
                return EncodedTrainingSet.Encode(pairs, tokenizer, config.Training.MaxTokensPerSentence, i => !examples[i].IsReal).Schedule(config.Training, config.EffectiveInitSeed);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
