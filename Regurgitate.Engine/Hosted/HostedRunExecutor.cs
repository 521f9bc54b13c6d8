using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// Executes one run whose configuration has a <see cref="RunConfig.Hosted"/> section, as a dashboard run: its training
/// set is composed exactly as a from-scratch run's (<see cref="TrainingSetComposer"/>), fine-tuned through
/// <see cref="HostedFineTuningBackend"/> with the journal in the run's own folder, and the fine-tuned model is scored on
/// the test set by <see cref="HostedEvaluator"/>; a run with <c>Training.MaxSteps</c> 0 only scores the base model (the
/// size-0 point). Its events are those of a from-scratch run: the job's status and the provider's job events as
/// <see cref="PhaseChanged"/>, the test score as <see cref="EvaluationCompleted"/>, and exactly one
/// <see cref="RunFinished"/>; the test translations are written as <see cref="TestOutputs"/> so significance tests and
/// archives treat the run like any other.
/// <para>
/// Because the journal lives in the run's folder, a run stopped by a shutdown and started again (in this process or
/// another) polls the same provider job and never uploads or creates twice. A user's cancellation
/// (<c>cancelJob</c>) cancels the provider's job too; a shutdown leaves it running. Failures carry the provider's
/// message; the API keys are removed from every message this class reports.
/// </para>
/// </summary>
public sealed partial class HostedRunExecutor(
    CorpusLoader corpora,
    TrainingSetComposer composer,
    IOptions<HostedFineTuningOptions> hosted,
    IConfiguration configuration,
    ILoggerFactory loggers,
    TimeProvider time) : IRunExecutor
{
    /// <summary>Test sentences shown on the run page.</summary>
    private const int SampleCount = 5;

    private readonly ILogger logger = loggers.CreateLogger<HostedRunExecutor>();

    /// <summary>Runs it; a cancellation leaves the provider's job running (as at a shutdown).</summary>
    public IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, CancellationToken cancellationToken) =>
        RunAsync(config, runDirectory, cancellationToken, CancellationToken.None);

    /// <param name="config">A configuration with <see cref="RunConfig.Hosted"/>.</param>
    /// <param name="runDirectory">The run's folder: journal, evaluation journals and test outputs.</param>
    /// <param name="cancellationToken">Stops the run; on its own (a shutdown) the provider's job keeps running and is polled again at the next start.</param>
    /// <param name="cancelJob">Cancelled when the user cancelled the run: the provider's job is cancelled too.</param>
    public async IAsyncEnumerable<RunEvent> RunAsync(RunConfig config, string runDirectory, [EnumeratorCancellation] CancellationToken cancellationToken, CancellationToken cancelJob)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        var channel = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
        var worker = Task.Run(() => ExecuteAsync(config, runDirectory, channel.Writer, cancellationToken, cancelJob), CancellationToken.None);
        await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return item;
        }

        await worker.ConfigureAwait(false);
    }

    private async Task ExecuteAsync(RunConfig config, string runDirectory, ChannelWriter<RunEvent> events, CancellationToken cancellationToken, CancellationToken cancelJob)
    {
        var started = time.GetTimestamp();
        HostedFineTuningOptions? options = null;
        LlmGeneratorOptions? evaluation = null;
        HostedFineTuningBackend? backend = null;
        HostedJobRequest? request = null;
        RunFinished finished;
        try
        {
            if (config.Hosted is null)
            {
                throw new ArgumentException("The run's configuration has no hosted section.", nameof(config));
            }

            // Read here, not before: options validated on access throw, and that must be the run's message.
            (options, evaluation) = Resolve(config);
            var problems = HostedFineTuningOptionsValidator.Errors(options).Concat(LlmGeneratorOptionsValidator.Errors(evaluation)).ToList();
            if (problems.Count > 0)
            {
                throw new OptionsValidationException(HostedFineTuningOptions.SectionName, typeof(HostedFineTuningOptions), problems);
            }

            Directory.CreateDirectory(runDirectory);
            events.TryWrite(new PhaseChanged(RunPhase.LoadingData, "Loading the corpus and composing the training set"));
            var splits = await corpora.LoadSplitsAsync(SplitRequest.From(config), null, cancellationToken).ConfigureAwait(false);
            var zeroShot = config.Training.MaxSteps == 0;
            var pairs = zeroShot ? [] : composer.Compose(config, splits, _ => { }, cancellationToken).Examples.Select(e => e.Pair).ToList();
            var model = zeroShot ? evaluation.Model! : options.BaseModel;
            events.TryWrite(new RunStarted($"hosted: {model} ({options.Provider})", pairs.Count, 0, splits.Test.Count, 0, 0, 0));

            string deployment;
            string done;
            HostedEvaluationResult scored;
            if (zeroShot)
            {
                deployment = model;
                events.TryWrite(new PhaseChanged(RunPhase.Testing, $"Translating the {splits.Test.Count:N0} test sentences with {deployment} before fine-tuning"));
                scored = await HostedEvaluator.EvaluateDeploymentAsync(options, evaluation, HostedExperimentRunner.BaseModelCondition, deployment, splits.Test, runDirectory, loggers.CreateLogger<LlmGenerator>(), cancellationToken).ConfigureAwait(false);
                done = $"Scored {deployment} before fine-tuning";
            }
            else
            {
                request = new HostedJobRequest(Label(config, pairs.Count), pairs, config.Seed);
                backend = new HostedFineTuningBackend(options, runDirectory, loggers.CreateLogger<HostedFineTuningBackend>());
                events.TryWrite(new PhaseChanged(RunPhase.Training, $"Uploading {pairs.Count:N0} training pairs to fine-tune {options.BaseModel}"));
                var progress = new HostedJobProgress(events, Redact, logger);
                var result = await backend.RunAsync(request, progress, cancellationToken).ConfigureAwait(false);
                deployment = HostedEvaluator.Deployment(options, result);
                events.TryWrite(new PhaseChanged(RunPhase.Testing, $"Translating the {splits.Test.Count:N0} test sentences with {deployment}"));
                scored = await HostedEvaluator.EvaluateAsync(options, evaluation, result, splits.Test, runDirectory, loggers.CreateLogger<LlmGenerator>(), cancellationToken).ConfigureAwait(false);
                done = string.Create(CultureInfo.InvariantCulture, $"Fine-tuned {result.FineTunedModel} (job {result.JobId}, {(result.TrainedTokens is { } t ? t.ToString("N0", CultureInfo.InvariantCulture) : "unreported")} trained tokens, cost {result.Cost:0.00})");
            }

            TestOutputs.Write(runDirectory, splits.Test, scored.Hypotheses);
            var samples = splits.Test.Take(SampleCount).Select((p, i) => new TranslationSample(p.Source, p.Target, scored.Hypotheses[i])).ToList();
            events.TryWrite(new EvaluationCompleted(0, EvaluationSplit.Test, scored.Bleu.Score, scored.Bleu.Signature, scored.ChrF.Score, scored.ChrF.Signature, null, samples));
            var failedNote = scored.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {scored.Failed} of {scored.Sentences} test sentences got no translation (scored as empty)") : "";
            finished = new RunFinished(RunOutcome.Completed, Redact($"{done}{failedNote}."), time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var message = "Cancelled.";
            if (cancelJob.IsCancellationRequested && backend is not null && request is not null)
            {
                message = await CancelJobAsync(backend, request).ConfigureAwait(false);
            }

            finished = new RunFinished(RunOutcome.Cancelled, message, time.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            // Every failure of the provider, the budget or the configuration is the run's message; only it is redacted.
            var message = Redact(ex.Message);
            LogFailed(logger, config.CorpusId, message);
            finished = new RunFinished(RunOutcome.Failed, message, time.GetElapsedTime(started));
        }
        finally
        {
            if (backend is not null)
            {
                await backend.DisposeAsync().ConfigureAwait(false);
            }
        }

        events.TryWrite(finished);
        events.Complete();

        string Redact(string text)
        {
            foreach (var key in new[] { options?.ApiKey, evaluation?.ApiKey, hosted.Value.ApiKey })
            {
                if (!string.IsNullOrEmpty(key))
                {
                    text = text.Replace(key, "[redacted]", StringComparison.Ordinal);
                }
            }

            return text;
        }
    }

    /// <summary>Cancels the provider's job, bounded so that a silent provider cannot hold the run open.</summary>
    private async Task<string> CancelJobAsync(HostedFineTuningBackend backend, HostedJobRequest request)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
        try
        {
            var jobId = await backend.CancelAsync(request, bounded.Token).ConfigureAwait(false);
            return jobId is null ? "Cancelled before the provider had a job for it." : $"Cancelled; the provider's job {jobId} was cancelled too.";
        }
        catch (Exception ex) when (ex is HostedFineTuningException or OperationCanceledException)
        {
            LogCancelFailed(logger, request.Label, ex.Message);
            return $"Cancelled, but the provider's job could not be cancelled ({ex.Message}); cancel it on the provider.";
        }
    }

    /// <summary>The configured options under the run's own hosted settings, and the evaluation's chat options.</summary>
    private (HostedFineTuningOptions Options, LlmGeneratorOptions Evaluation) Resolve(RunConfig config)
    {
        var options = config.Hosted?.ApplyTo(hosted.Value) ?? hosted.Value.Copy();
        // Bound, not taken from IOptions: its validation would refuse an empty Model, which here means the base model's
        // own deployment scores the size-0 point (as `regurgitate run` does); the whole is validated by the caller.
        var chat = configuration.GetSection(LlmGeneratorOptions.SectionName).Get<LlmGeneratorOptions>() ?? new LlmGeneratorOptions();
        var evaluation = HostedEvaluator.GeneratorOptions(options, chat, string.IsNullOrWhiteSpace(chat.Model) ? options.BaseModel : chat.Model);
        return (options, evaluation);
    }

    /// <summary>The run's name in the journal and in messages: what it trains on (its folder says which run it is).</summary>
    private static string Label(RunConfig config, int pairs) =>
        string.Create(CultureInfo.InvariantCulture, $"{config.CorpusId} · {config.Mixture.RealFraction:P0} real · {pairs} pairs · seed {config.Seed}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hosted run on {CorpusId} failed: {Message}")]
    private static partial void LogFailed(ILogger logger, string corpusId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hosted run {Label}: the provider's job could not be cancelled: {Message}")]
    private static partial void LogCancelFailed(ILogger logger, string label, string message);
}
