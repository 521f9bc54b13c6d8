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
    private static readonly JsonSerializerOptions ConfigJson = new() { WriteIndented = true };

    private readonly CorpusLoader corpora;
    private readonly TrainingSetComposer composer;
    private readonly ILogger<RunExecutor> logger;
    private readonly ITrainingFaultInjector faults;
    private readonly TimeProvider time;

    public RunExecutor(CorpusLoader corpora, SyntheticDatasetRepository synthetic, ILogger<RunExecutor> logger)
        : this(corpora, synthetic, logger, NoTrainingFaults.Instance)
    {
    }

    /// <param name="time">The clock a checkpoint's wait for its host's confirmation runs on (<see cref="TrainingLoop.ConfirmationTimeout"/>).</param>
    public RunExecutor(CorpusLoader corpora, SyntheticDatasetRepository synthetic, ILogger<RunExecutor> logger, ITrainingFaultInjector faults, TimeProvider? time = null)
    {
        this.corpora = corpora;
        composer = new TrainingSetComposer(synthetic);
        this.logger = logger;
        this.faults = faults;
        this.time = time ?? TimeProvider.System;
    }

    public IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, CancellationToken cancellationToken) =>
        RunAsync(config, runDirectory, RunResources.AsConfigured, cancellationToken);

    public async IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, RunResources resources, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var clock = Stopwatch.StartNew();
        var worker = Task.Factory.StartNew(
            () => Execute(config, runDirectory, resources, channel.Writer, clock, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return item;
        }

        await worker.ConfigureAwait(false);
    }

    private void Execute(RunConfig config, string runDirectory, RunResources resources, ChannelWriter<RunEvent> events, Stopwatch clock, CancellationToken cancellationToken)
    {
        RunFinished finished;
        try
        {
            RunConfigValidator.ThrowIfInvalid(config);
            Train(config, runDirectory, resources, e => events.TryWrite(e), clock, cancellationToken);
            finished = new RunFinished(RunOutcome.Completed, null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Run in {RunDirectory} cancelled after {Elapsed}", runDirectory, clock.Elapsed);
            finished = new RunFinished(RunOutcome.Cancelled, "Cancelled by the user.", clock.Elapsed);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run in {RunDirectory} failed", runDirectory);
            finished = new RunFinished(RunOutcome.Failed, ex.Message, clock.Elapsed);
        }

        events.TryWrite(finished);
        events.TryComplete();
    }

    private void Train(RunConfig config, string runDirectory, RunResources resources, Action<RunEvent> publish, Stopwatch clock, CancellationToken cancellationToken)
    {
        TorchEnvironment.EnsureLoaded();
        var requestedDevice = resources.Device ?? config.Training.Device;
        var device = TorchEnvironment.ResolveDevice(requestedDevice);

        // This dedicated thread does all of the run's libtorch work, so its thread count is the run's own.
        // Always set: a thread that sets none adopts whatever count another run in this process set last.
        var wanted = resources.Threads ?? config.Training.Threads;
        var threads = TorchThreads.UseOnThisThread(wanted > 0 ? wanted : Math.Max(1, TorchEnvironment.DefaultThreads));

        if (config.Training.Bf16Autocast == true && device.type != DeviceType.CUDA)
        {
            throw new InvalidOperationException($"Training.Bf16Autocast is a CUDA option, but device '{requestedDevice}' is the CPU here: leave it out or train on a GPU.");
        }

        if (config.Training.DeterministicAlgorithms is { } deterministic)
        {
            // Process-wide in libtorch: a packed neighbour shares it (see TrainingConfig.DeterministicAlgorithms).
            LibTorchSwitches.DeterministicAlgorithms = deterministic;
        }

        if (resources.Placement is { } placement)
        {
            logger.LogInformation("Run in {RunDirectory} placed: {Placement}; libtorch threads on its thread: {Threads}", runDirectory, placement, threads);
            publish(new PhaseChanged(RunPhase.LoadingData, $"Placed: {placement}"));
        }

        Directory.CreateDirectory(runDirectory);
        var configText = JsonSerializer.Serialize(config, ConfigJson);
        var checkpoints = new CheckpointStore(Path.Combine(runDirectory, "checkpoints")) { Fingerprint = RunDirectoryResume.Fingerprint(configText) };
        var resume = RunDirectoryResume.Find(configText, runDirectory, checkpoints);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, RunDirectoryResume.ConfigFileName), configText);

        var pretrained = config.InitFrom is { } initFrom ? PretrainedCheckpoint.Resolve(initFrom) : null;
        var data = RunData.Prepare(config, runDirectory, resume is not null, pretrained, corpora, composer, publish, cancellationToken);
        var tokenizer = data.Tokenizer;
        var special = new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId);
        using var random = new TorchRandomStream(config.EffectiveInitSeed);
        using var model = random.Use(() => new TranslationTransformer(config.Model, tokenizer.VocabularySize, tokenizer.PadId));
        if (pretrained is not null && resume is null)
        {
            // Weights only: the optimiser, its step count and the schedule start afresh. A resumed run loads its own
            // checkpoint instead (in the training loop), which already holds what it learned since.
            CheckpointStore.LoadFile(model, pretrained.CheckpointPath);
            publish(new PhaseChanged(RunPhase.Training, $"Starting from the pretrained weights in {pretrained.CheckpointPath}"));
        }

        model.to(device);
        using var trainer = new Seq2SeqTrainer(model, config.Training, special, device, random);
        var devDecoder = config.DevDecoding.CreateDecoder(model, special, device);
        var testDecoder = config.TestDecoding.CreateDecoder(model, special, device);

        var train = data.Training;
        publish(new RunStarted(device.ToString(), train.Pairs.Count, data.Splits.Dev.Count, data.Splits.Test.Count, tokenizer.VocabularySize, model.ParameterCount(), threads));
        publish(new PhaseChanged(RunPhase.Training, train.Dropped > 0
            ? $"Training on {train.Pairs.Count:N0} pairs ({train.Dropped:N0} longer than {config.Training.MaxTokensPerSentence} tokens left out)"
            : $"Training on {train.Pairs.Count:N0} pairs"));
        var step = new TrainingLoop(config, data, model, trainer, devDecoder, checkpoints, device, faults, publish, clock, time, resources.ConfirmStoredBeforeCheckpoint).Run(resume, cancellationToken);

        var test = data.Splits.Test;
        publish(new PhaseChanged(RunPhase.Testing, $"Translating {test.Count:N0} test sentences ({config.TestDecoding.Describe()})"));
        var testSources = test.Select(p => tokenizer.Encode(p.Source).ToArray()).ToList();
        EvaluationCompleted testResult;
        try
        {
            faults.BeforeEvaluation(step);
            testResult = RunEvaluation.Evaluate(EvaluationSplit.Test, step, test, data.TestScoreReferences, testSources, tokenizer, testDecoder, null, cancellationToken, runDirectory);
        }
        catch (Exception ex) when (OutOfMemoryDetection.IsOutOfMemory(ex))
        {
            throw new TrainingOutOfMemoryException(step, device.ToString(), "test evaluation", ex);
        }

        publish(testResult);
    }
}
