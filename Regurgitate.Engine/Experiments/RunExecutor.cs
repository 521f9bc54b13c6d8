using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Storage;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// The whole pipeline of one run: load and split the corpus, learn the joint BPE vocabulary, train the Transformer
/// with periodic dev evaluation and checkpoints, and score the test set at the end. The CPU-bound work runs on a
/// dedicated thread; events reach the caller through a channel so a slow consumer never stalls training for long.
/// </summary>
public sealed class RunExecutor : IRunExecutor
{
    private const int SampleCount = 5;
    private static readonly JsonSerializerOptions ConfigJson = new() { WriteIndented = true };

    private readonly CorpusLoader _corpora;
    private readonly TrainingSetComposer _composer;
    private readonly ILogger<RunExecutor> _logger;
    private readonly ITrainingFaultInjector _faults;

    public RunExecutor(CorpusLoader corpora, SyntheticDatasetRepository synthetic, ILogger<RunExecutor> logger)
        : this(corpora, synthetic, logger, NoTrainingFaults.Instance)
    {
    }

    public RunExecutor(CorpusLoader corpora, SyntheticDatasetRepository synthetic, ILogger<RunExecutor> logger, ITrainingFaultInjector faults)
    {
        _corpora = corpora;
        _composer = new TrainingSetComposer(synthetic);
        _logger = logger;
        _faults = faults;
    }

    public async IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var clock = Stopwatch.StartNew();
        var worker = Task.Factory.StartNew(
            () => Execute(config, runDirectory, channel.Writer, clock, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return item;
        }

        await worker.ConfigureAwait(false);
    }

    private void Execute(RunConfig config, string runDirectory, ChannelWriter<RunEvent> events, Stopwatch clock, CancellationToken cancellationToken)
    {
        RunFinished finished;
        try
        {
            RunConfigValidator.ThrowIfInvalid(config);
            Train(config, runDirectory, e => events.TryWrite(e), clock, cancellationToken);
            finished = new RunFinished(RunOutcome.Completed, null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Run in {RunDirectory} cancelled after {Elapsed}", runDirectory, clock.Elapsed);
            finished = new RunFinished(RunOutcome.Cancelled, "Cancelled by the user.", clock.Elapsed);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Run in {RunDirectory} failed", runDirectory);
            finished = new RunFinished(RunOutcome.Failed, ex.Message, clock.Elapsed);
        }

        events.TryWrite(finished);
        events.TryComplete();
    }

    private void Train(RunConfig config, string runDirectory, Action<RunEvent> publish, Stopwatch clock, CancellationToken cancellationToken)
    {
        TorchEnvironment.EnsureLoaded();
        var device = TorchEnvironment.ResolveDevice(config.Training.Device);
        if (config.Training.Threads > 0)
        {
            set_num_threads(config.Training.Threads);
        }

        Directory.CreateDirectory(runDirectory);
        var configText = JsonSerializer.Serialize(config, ConfigJson);
        var checkpoints = new CheckpointStore(Path.Combine(runDirectory, "checkpoints")) { Fingerprint = RunDirectoryResume.Fingerprint(configText) };
        var resume = RunDirectoryResume.Find(configText, runDirectory, checkpoints);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunDirectoryResume.ConfigFileName), configText);

        publish(new PhaseChanged(RunPhase.LoadingData, $"Loading corpus '{config.CorpusId}'"));
        var splits = _corpora.LoadSplitsAsync(SplitRequest.From(config), null, cancellationToken).GetAwaiter().GetResult();
        foreach (var note in splits.Report.Notes.Prepend(SplitSummary.Describe(splits.Report)))
        {
            publish(new PhaseChanged(RunPhase.LoadingData, note));
        }

        AtomicFile.WriteAllText(Path.Combine(runDirectory, SplitSummary.FileName), SplitSummary.ToJson(splits));
        var testReferences = TestReferenceStreams(config, splits);

        var examples = ComposeTrainingSet(config, splits, runDirectory, publish, cancellationToken);
        IReadOnlyList<SentencePair> trainPairs = [.. examples.Select(e => e.Pair)];
        if (config.Reverse)
        {
            trainPairs = Swapped(trainPairs);
            splits = splits with { Dev = Swapped(splits.Dev), Test = Swapped(splits.Test) };
        }

        SubwordTokenizer tokenizer;
        if (resume is not null)
        {
            // The interrupted attempt's vocabulary, so the checkpoint's embeddings keep meaning the same symbols.
            tokenizer = SubwordTokenizer.Load(Path.Combine(runDirectory, "tokenizer"));
        }
        else if (config.TokenizerDirectory is { } shared)
        {
            publish(new PhaseChanged(RunPhase.LearningVocabulary, $"Using the experiment's shared tokenizer from {shared}", 1));
            tokenizer = SubwordTokenizer.Load(shared);
        }
        else
        {
            publish(new PhaseChanged(RunPhase.LearningVocabulary, $"Learning a {config.Model.VocabSize}-symbol joint BPE vocabulary from {trainPairs.Count:N0} pairs", 0));
            tokenizer = LearnVocabulary(config, trainPairs, publish, cancellationToken);
        }

        tokenizer.Save(Path.Combine(runDirectory, "tokenizer"));
        var special = new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId);

        var limit = config.Training.MaxTokensPerSentence;
        var encodedSet = EncodedTrainingSet.Encode(trainPairs, tokenizer, limit, i => !examples[i].IsReal);
        var train = encodedSet.Pairs;
        var dropped = encodedSet.Dropped;

        // What the model actually sees, for analyses of the training data (see TrainingPairs).
        TrainingPairs.Write(runDirectory, encodedSet.Kept.Select(i => examples[i]));

        var dev = splits.Dev.Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)])).ToList();
        var devSources = dev.Select(p => p.Source).ToList();

        // Teacher-forced dev loss needs both sides within the model's positions (plus BOS/EOS); decoding truncates
        // over-long sources instead, so BLEU still covers every dev pair.
        var fits = config.Model.MaxPositions - 1;
        var devForLoss = dev.Where(p => p.Source.Length <= fits && p.Target.Length <= fits).ToList();

        using var random = new TorchRandomStream(config.EffectiveInitSeed);
        using var model = random.Use(() => new TranslationTransformer(config.Model, tokenizer.VocabularySize, tokenizer.PadId));
        model.to(device);
        using var trainer = new Seq2SeqTrainer(model, config.Training, special, device, random);
        var devDecoder = config.DevDecoding.CreateDecoder(model, special, device);
        var testDecoder = config.TestDecoding.CreateDecoder(model, special, device);

        publish(new RunStarted(device.ToString(), train.Count, splits.Dev.Count, splits.Test.Count, tokenizer.VocabularySize, model.ParameterCount()));
        publish(new PhaseChanged(RunPhase.Training, dropped > 0
            ? $"Training on {train.Count:N0} pairs ({dropped:N0} longer than {limit} tokens left out)"
            : $"Training on {train.Count:N0} pairs"));

        var planner = encodedSet.Planner(config.Training, config.EffectiveInitSeed);
        var schedule = TrainingSchedule.Plan(planner, train, config.Training, dropped);
        var maxSteps = schedule.Steps;
        publish(new TrainingPlanned(schedule.Steps, schedule.TargetTokens, schedule.SourceTokens, schedule.PairsKept, schedule.PairsDropped));
        var timing = new EtaEstimator(maxSteps, config.Training.EvaluateEvery);
        var position = new TrainingPosition(0, 0, 0, 0, 0);
        if (resume is not null)
        {
            CheckpointStore.LoadFile(model, resume.CheckpointPath);
            using (var reader = new BinaryReader(File.OpenRead(resume.StatePath)))
            {
                trainer.LoadState(reader);
            }

            position = resume.Position;
            publish(new RunResumed(position.Step, resume.CheckpointPath));
            publish(new PhaseChanged(RunPhase.Training, $"Resumed from the checkpoint at step {position.Step:N0} of {maxSteps:N0}"));
        }

        long tokensSeen = position.TokensSeen, sentencesSeen = position.SentencesSeen;
        var step = position.Step;
        var checkpointedStep = position.Step;
        var trainingClock = Stopwatch.StartNew();
        for (var epoch = position.Epoch; step < maxSteps; epoch++)
        {
            var plan = planner.PlanEpoch(epoch);
            for (var index = epoch == position.Epoch ? position.NextBatch : 0; index < plan.Count; index++)
            {
                var batch = plan[index];
                if (cancellationToken.IsCancellationRequested && step > checkpointedStep)
                {
                    // Stopped between two steps (shutdown or cancel): what was trained since the last checkpoint is
                    // kept, so the run resumes from exactly here rather than repeating up to EvaluateEvery steps.
                    var here = new TrainingPosition(step, epoch, index, tokensSeen, sentencesSeen);
                    publish(new CheckpointSaved(step, checkpoints.Save(model, step, here, trainer.SaveState)));
                }

                cancellationToken.ThrowIfCancellationRequested();
                var stepStart = trainingClock.Elapsed;
                step++;
                StepResult result;
                try
                {
                    _faults.BeforeStep(step);
                    result = trainer.Step(train, batch, step);
                }
                catch (Exception ex) when (OutOfMemoryDetection.IsOutOfMemory(ex))
                {
                    throw new TrainingOutOfMemoryException(step, device.ToString(), "training step", ex);
                }

                if (!double.IsFinite(result.Loss))
                {
                    throw new InvalidOperationException($"The loss became {result.Loss} at step {step}; lower Training.LearningRate or raise Training.WarmupSteps.");
                }

                tokensSeen += result.TargetTokens;
                sentencesSeen += batch.Length;
                var stepTime = trainingClock.Elapsed - stepStart;
                timing.RecordStep(stepTime);
                publish(new StepCompleted(
                    step, maxSteps, result.Loss,
                    LearningRateSchedule.InverseSquareRoot(step, config.Training.LearningRate, config.Training.WarmupSteps),
                    result.TargetTokens / Math.Max(stepTime.TotalSeconds, 1e-9),
                    tokensSeen, sentencesSeen, (double)sentencesSeen / train.Count, clock.Elapsed, timing.Remaining(step)));

                if (step % config.Training.EvaluateEvery == 0 || step == maxSteps)
                {
                    var evalStart = trainingClock.Elapsed;
                    publish(new PhaseChanged(RunPhase.Evaluating, $"Translating {dev.Count:N0} dev sentences at step {step} ({config.DevDecoding.Describe()})"));
                    EvaluationCompleted devResult;
                    try
                    {
                        _faults.BeforeEvaluation(step);
                        double? devLoss = devForLoss.Count == 0 ? null : trainer.EvaluateLoss(devForLoss, config.Training.TokensPerBatch, cancellationToken);
                        devResult = Evaluate(EvaluationSplit.Dev, step, splits.Dev, [FirstReferences(splits.Dev)], devSources, tokenizer, devDecoder, devLoss, cancellationToken);
                    }
                    catch (Exception ex) when (OutOfMemoryDetection.IsOutOfMemory(ex))
                    {
                        throw new TrainingOutOfMemoryException(step, device.ToString(), "dev evaluation", ex);
                    }

                    publish(devResult);
                    var next = index + 1 < plan.Count ? new TrainingPosition(step, epoch, index + 1, tokensSeen, sentencesSeen) : new TrainingPosition(step, epoch + 1, 0, tokensSeen, sentencesSeen);
                    publish(new CheckpointSaved(step, checkpoints.Save(model, step, next, trainer.SaveState)));
                    checkpointedStep = step;
                    timing.RecordEvaluation(trainingClock.Elapsed - evalStart);
                    if (step < maxSteps)
                    {
                        publish(new PhaseChanged(RunPhase.Training, $"Training (step {step:N0} of {maxSteps:N0})"));
                    }
                }

                if (step == maxSteps)
                {
                    break;
                }
            }
        }

        publish(new PhaseChanged(RunPhase.Testing, $"Translating {splits.Test.Count:N0} test sentences ({config.TestDecoding.Describe()})"));
        var testSources = splits.Test.Select(p => tokenizer.Encode(p.Source).ToArray()).ToList();
        EvaluationCompleted testResult;
        try
        {
            _faults.BeforeEvaluation(step);
            testResult = Evaluate(EvaluationSplit.Test, step, splits.Test, testReferences, testSources, tokenizer, testDecoder, null, cancellationToken, runDirectory);
        }
        catch (Exception ex) when (OutOfMemoryDetection.IsOutOfMemory(ex))
        {
            throw new TrainingOutOfMemoryException(step, device.ToString(), "test evaluation", ex);
        }

        publish(testResult);
    }

    /// <summary>
    /// The training pairs with their origin; a mixture's composition is written next to the run's configuration.
    /// </summary>
    private IReadOnlyList<TrainingExample> ComposeTrainingSet(RunConfig config, DataSplits splits, string runDirectory, Action<RunEvent> publish, CancellationToken cancellationToken)
    {
        var (examples, report) = _composer.Compose(config, splits, note => publish(new PhaseChanged(RunPhase.LoadingData, note)), cancellationToken);
        if (report is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(runDirectory, "training-set.json"), JsonSerializer.Serialize(report, ConfigJson));
        }

        return examples;
    }

    /// <summary>English→German pairs for a <see cref="RunConfig.Reverse"/> run.</summary>
    private static List<SentencePair> Swapped(IReadOnlyList<SentencePair> pairs) => [.. pairs.Select(p => new SentencePair(p.Target, p.Source))];

    private static SubwordTokenizer LearnVocabulary(RunConfig config, IReadOnlyList<SentencePair> train, Action<RunEvent> publish, CancellationToken cancellationToken)
    {
        var progress = new ThrottledProgress(f => publish(new PhaseChanged(RunPhase.LearningVocabulary, "Learning the joint BPE vocabulary", f)));
        var texts = train.SelectMany(p => new[] { p.Source, p.Target });
        return new SubwordTokenizer(new BpeLearner(config.Model.VocabSize).Learn(texts, progress, cancellationToken));
    }

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

    private static EvaluationCompleted Evaluate(
        EvaluationSplit split,
        int step,
        IReadOnlyList<SentencePair> pairs,
        IReadOnlyList<IReadOnlyList<string?>> references,
        IReadOnlyList<int[]> sources,
        SubwordTokenizer tokenizer,
        ITranslationDecoder decoder,
        double? loss,
        CancellationToken cancellationToken,
        string? outputDirectory = null)
    {
        var hypotheses = decoder.Translate(sources, null, cancellationToken).Select(ids => tokenizer.Decode(ids)).ToList();
        if (outputDirectory is not null)
        {
            TestOutputs.Write(outputDirectory, pairs, hypotheses, references.Count > 1 ? references[1] : null);
        }

        var bleu = new BleuMetric().CorpusScore(hypotheses, references);
        var chrf = new ChrFMetric().CorpusScore(hypotheses, references);
        var samples = pairs.Take(SampleCount).Select((p, i) => new TranslationSample(p.Source, p.Target, hypotheses[i])).ToList();
        return new EvaluationCompleted(step, split, bleu.Score, bleu.Signature, chrf.Score, chrf.Signature, loss, samples);
    }
}
