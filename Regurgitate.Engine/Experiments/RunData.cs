using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Storage;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// Everything a run trains and is scored on, prepared before the model exists: the corpus splits, the composed training
/// set, the vocabulary, and the encoded training and dev pairs. Each piece is also written to the run's folder (split
/// summary, training-set report, tokenizer, the pairs the model actually sees) for analyses and resumption.
/// </summary>
internal sealed record RunData(
    DataSplits Splits,
    IReadOnlyList<IReadOnlyList<string?>> TestScoreReferences,
    SubwordTokenizer Tokenizer,
    EncodedTrainingSet Training,
    IReadOnlyList<EncodedPair> Dev,
    IReadOnlyList<EncodedPair> DevForLoss)
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true };

    /// <param name="resuming">An interrupted attempt's checkpoint will be loaded: keep its vocabulary.</param>
    /// <param name="pretrained">The model the run starts from, whose vocabulary it must use; null for random weights.</param>
    public static RunData Prepare(
        RunConfig config, string runDirectory, bool resuming, PretrainedCheckpoint? pretrained, CorpusLoader corpora, TrainingSetComposer composer,
        Action<RunEvent> publish, CancellationToken cancellationToken)
    {
        publish(new PhaseChanged(RunPhase.LoadingData, $"Loading corpus '{config.CorpusId}'"));
        var splits = corpora.LoadSplitsAsync(SplitRequest.From(config), null, cancellationToken).GetAwaiter().GetResult();
        foreach (var note in splits.Report.Notes.Prepend(SplitSummary.Describe(splits.Report)))
        {
            publish(new PhaseChanged(RunPhase.LoadingData, note));
        }

        AtomicFile.WriteAllText(Path.Combine(runDirectory, SplitSummary.FileName), SplitSummary.ToJson(splits));

        var examples = ComposeTrainingSet(config, splits, composer, runDirectory, publish, cancellationToken);
        IReadOnlyList<SentencePair> trainPairs = [.. examples.Select(e => e.Pair)];
        if (config.Reverse)
        {
            trainPairs = Swapped(trainPairs);
            splits = splits with { Dev = Swapped(splits.Dev), Test = Swapped(splits.Test) };
        }

        // After the swap: a reverse run is scored against the German side it translates into.
        var testReferences = TestReferenceStreams(config, splits);

        var tokenizer = ChooseTokenizer(config, runDirectory, resuming, pretrained, trainPairs, publish, cancellationToken);
        tokenizer.Save(Path.Combine(runDirectory, "tokenizer"));

        var training = EncodedTrainingSet.Encode(trainPairs, tokenizer, config.Training.MaxTokensPerSentence, i => !examples[i].IsReal);

        // What the model actually sees, for analyses of the training data (see TrainingPairs).
        TrainingPairs.Write(runDirectory, training.Kept.Select(i => examples[i]));

        var dev = splits.Dev.Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)])).ToList();

        // Teacher-forced dev loss needs both sides within the model's positions (plus BOS/EOS); decoding truncates
        // over-long sources instead, so BLEU still covers every dev pair.
        var fits = config.Model.MaxPositions - 1;
        var devForLoss = dev.Where(p => p.Source.Length <= fits && p.Target.Length <= fits).ToList();
        return new RunData(splits, testReferences, tokenizer, training, dev, devForLoss);
    }

    /// <summary>The dev pairs' own targets, the only reference dev BLEU uses (built once, read at every evaluation).</summary>
    public IReadOnlyList<IReadOnlyList<string?>> DevScoreReferences { get; } = [FirstReferences(Splits.Dev)];

    /// <summary>
    /// The training pairs with their origin; a mixture's composition is written next to the run's configuration.
    /// </summary>
    private static IReadOnlyList<TrainingExample> ComposeTrainingSet(
        RunConfig config, DataSplits splits, TrainingSetComposer composer, string runDirectory, Action<RunEvent> publish, CancellationToken cancellationToken)
    {
        var (examples, report) = composer.Compose(config, splits, note => publish(new PhaseChanged(RunPhase.LoadingData, note)), cancellationToken);
        if (report is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(runDirectory, "training-set.json"), JsonSerializer.Serialize(report, ReportJson));
        }

        return examples;
    }

    private static SubwordTokenizer ChooseTokenizer(
        RunConfig config, string runDirectory, bool resuming, PretrainedCheckpoint? pretrained, IReadOnlyList<SentencePair> trainPairs, Action<RunEvent> publish,
        CancellationToken cancellationToken)
    {
        if (resuming)
        {
            // The interrupted attempt's vocabulary, so the checkpoint's embeddings keep meaning the same symbols.
            return SubwordTokenizer.Load(Path.Combine(runDirectory, "tokenizer"));
        }

        if (config.TokenizerDirectory is { } shared)
        {
            publish(new PhaseChanged(RunPhase.LearningVocabulary, $"Using the experiment's shared tokenizer from {shared}", 1));
            return SubwordTokenizer.Load(shared);
        }

        if (pretrained is not null)
        {
            // The pretrained embeddings index this vocabulary; the validator made sure a shared one is the same.
            publish(new PhaseChanged(RunPhase.LearningVocabulary, $"Using the pretrained model's tokenizer from {pretrained.TokenizerDirectory}", 1));
            return SubwordTokenizer.Load(pretrained.TokenizerDirectory);
        }

        publish(new PhaseChanged(RunPhase.LearningVocabulary, $"Learning a {config.Model.VocabSize}-symbol joint BPE vocabulary from {trainPairs.Count:N0} pairs", 0));
        var progress = new ThrottledProgress(f => publish(new PhaseChanged(RunPhase.LearningVocabulary, "Learning the joint BPE vocabulary", f)));
        var texts = trainPairs.SelectMany(p => new[] { p.Source, p.Target });
        return new SubwordTokenizer(new BpeLearner(config.Model.VocabSize).Learn(texts, progress, cancellationToken));
    }

    /// <summary>English→German pairs for a <see cref="RunConfig.Reverse"/> run.</summary>
    private static List<SentencePair> Swapped(IReadOnlyList<SentencePair> pairs) => [.. pairs.Select(p => new SentencePair(p.Target, p.Source))];

    /// <summary>
    /// The reference streams of the test score: the pairs' own targets, and the second human reference when the run
    /// asks for all references (the validator has made sure the corpus has one and the run is not reversed).
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<string?>> TestReferenceStreams(RunConfig config, DataSplits splits)
    {
        if (config.References != TestReferences.All)
        {
            return [FirstReferences(splits.Test)];
        }

        var second = splits.TestSecondReferences
            ?? throw new InvalidOperationException($"Corpus '{config.CorpusId}' read no second reference for its test set, yet the run asks for all references.");
        return [FirstReferences(splits.Test), [.. second]];
    }

    private static List<string?> FirstReferences(IReadOnlyList<SentencePair> pairs) => [.. pairs.Select(p => (string?)p.Target)];
}
