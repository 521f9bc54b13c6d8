using Regurgitate.Engine.Data;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// A training set in subword ids after the length filter: pairs with an empty side or a side longer than the limit
/// are left out (they would not fit the model's positions, and a few very long pairs would dominate a batch).
/// </summary>
/// <param name="Pairs">The kept pairs, in training-set order.</param>
/// <param name="Kept">Index of each kept pair in the training set that was encoded.</param>
/// <param name="Dropped">How many pairs the filter left out.</param>
public sealed record EncodedTrainingSet(IReadOnlyList<EncodedPair> Pairs, IReadOnlyList<int> Kept, int Dropped)
{
    public static EncodedTrainingSet Encode(IReadOnlyList<SentencePair> pairs, SubwordTokenizer tokenizer, int maxTokensPerSentence)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var encoded = pairs.Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)])).ToList();
        var kept = Enumerable.Range(0, encoded.Count)
            .Where(i => encoded[i] is { Source.Length: > 0, Target.Length: > 0 } pair && pair.Source.Length <= maxTokensPerSentence && pair.Target.Length <= maxTokensPerSentence)
            .ToList();
        if (kept.Count == 0)
        {
            throw new InvalidOperationException($"No training pair has at most {maxTokensPerSentence} subword tokens on both sides; raise Training.MaxTokensPerSentence.");
        }

        return new EncodedTrainingSet([.. kept.Select(i => encoded[i])], kept, pairs.Count - kept.Count);
    }

    /// <summary>The batches a run with this training configuration and seed trains on.</summary>
    public TokenBatchPlanner Planner(TrainingConfig training, int seed)
    {
        ArgumentNullException.ThrowIfNull(training);
        return new TokenBatchPlanner(Pairs, training.TokensPerBatch, seed);
    }

    /// <summary>The steps and tokens a run with this training configuration and seed trains for.</summary>
    public TrainingSchedule Schedule(TrainingConfig training, int seed) => TrainingSchedule.Plan(Planner(training, seed), Pairs, training, Dropped);
}
