using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Executes runs in the background: persists each run before it starts, runs at most
/// <see cref="RunsOptions.MaxConcurrentRuns"/> at once (later ones wait in a FIFO queue), records the engine's events
/// in batches and broadcasts them to the pages that watch the run.
/// </summary>
public sealed partial class RunCoordinator(
    RunStore store,
    IServiceScopeFactory scopeFactory,
    IOptions<RunsOptions> options,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<RunCoordinator> logger) : BackgroundService, IRunLauncher, IRunMonitor
{
    private readonly Channel<ActiveRun> queue = Channel.CreateUnbounded<ActiveRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, ActiveRun> active = new();
    private readonly ConcurrentDictionary<int, Task> executing = new();
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentRuns, options.Value.MaxConcurrentRuns);

    public async Task<int> StartAsync(string experimentName, RunConfig config, CancellationToken cancellationToken) =>
        await EnqueueAsync(await store.CreateRunAsync(experimentName, config, cancellationToken), config, cancellationToken);

    public async Task<int> StartAsync(RunPlacement placement, RunConfig config, CancellationToken cancellationToken) =>
        await EnqueueAsync(await store.CreateRunAsync(placement, config, cancellationToken), config, cancellationToken);

    public async Task<RunStatus> WhenFinishedAsync(int runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (active.TryGetValue(runId, out var run))
            {
                return await run.Finished.Task.WaitAsync(cancellationToken);
            }

            var status = await store.GetStatusAsync(runId, cancellationToken)
                ?? throw new InvalidOperationException($"Run {runId} does not exist.");
            if (status is not (RunStatus.Queued or RunStatus.Running) || !options.Value.ResumeInterrupted)
            {
                return status;
            }

            // Queued in the database but not yet taken up by this process (the durable queue is read at start-up).
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private async Task<int> EnqueueAsync(Run run, RunConfig config, CancellationToken cancellationToken)
    {
        var runDirectory = RunDirectoryOf(run.Id);
        var busy = active.Count >= options.Value.MaxConcurrentRuns;
        var initial = RunStore.ToSnapshot(run) with
        {
            PhaseMessage = busy ? "Queued: waiting for the run before it to finish" : "Starting",
        };

        var activeRun = new ActiveRun(initial, config, runDirectory);
        if (!active.TryAdd(run.Id, activeRun))
        {
            activeRun.Dispose();
            return run.Id;
        }

        await queue.Writer.WriteAsync(activeRun, cancellationToken);
        LogQueued(run.Id, run.Experiment?.Name ?? run.ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), config.CorpusId, config.Training.MaxSteps);
        return run.Id;
    }

    /// <summary>The folder of a run's files (configuration, tokenizer, checkpoints).</summary>
    public string RunDirectoryOf(int runId) =>
        Path.Combine(Path.GetFullPath(options.Value.RunsDirectory, environment.ContentRootPath), runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool Cancel(int runId)
    {
        if (!active.TryGetValue(runId, out var run))
        {
            return false;
        }

        LogCancelRequested(runId);
        run.Cancellation.Cancel();
        return true;
    }

    public RunObservation? Observe(int runId, Action<RunUpdate> onUpdate) =>
        active.TryGetValue(runId, out var run) ? run.Observe(onUpdate) : null;

    /// <summary>
    /// Takes up the durable queue before the host goes on (and so before the app accepts requests), so a run created
    /// during start-up can never be picked up twice.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ResumeInterrupted)
        {
            await EnqueueDurableQueueAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                executing[run.RunId] = Task.Run(() => ExecuteRunAsync(run, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: runs still in the queue are settled as Interrupted below.
        }

        while (queue.Reader.TryRead(out var waiting))
        {
            if (options.Value.ResumeInterrupted)
            {
                // Still Queued in the database: the next start picks it up.
                active.TryRemove(waiting.RunId, out _);
                waiting.Finished.TrySetCanceled(CancellationToken.None);
            }
            else
            {
                await FinishWithoutRunningAsync(waiting, RunStatus.Interrupted, DatabaseInitializer.InterruptedMessage);
            }
        }
    }

    /// <summary>Runs left queued (or requeued after a crash) by an earlier process, in their original order.</summary>
    private async Task EnqueueDurableQueueAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await store.ListQueuedAsync(cancellationToken))
        {
            RunConfig? config;
            try
            {
                config = System.Text.Json.JsonSerializer.Deserialize<RunConfig>(run.ConfigJson, RunStore.JsonOptions);
            }
            catch (System.Text.Json.JsonException)
            {
                config = null;
            }

            if (config is null)
            {
                var unreadable = RunStore.ToSnapshot(run) with { Status = RunStatus.Failed, Message = "Its stored configuration can no longer be read, so it cannot resume.", FinishedAt = timeProvider.GetUtcNow() };
                await store.SaveProgressAsync(unreadable, [], cancellationToken);
                continue;
            }

            LogRequeued(run.Id);
            await EnqueueAsync(run, config, cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Let the running runs record how far they got; the host's shutdown timeout bounds the wait.
        await Task.WhenAll(executing.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public override void Dispose()
    {
        slots.Dispose();
        base.Dispose();
    }

    private async Task ExecuteRunAsync(ActiveRun run, CancellationToken stoppingToken)
    {
        try
        {
            if (run.Cancellation.IsCancellationRequested)
            {
                await FinishWithoutRunningAsync(run, RunStatus.Cancelled, "Cancelled before it started.");
                return;
            }

            await RecordRunAsync(run, stoppingToken);
        }
        catch (Exception ex)
        {
            LogRecordingFailed(ex, run.RunId);
        }
        finally
        {
            run.Finished.TrySetResult(run.Snapshot.IsFinished ? run.Snapshot.Status : RunStatus.Failed);
            active.TryRemove(run.RunId, out _);
            executing.TryRemove(run.RunId, out _);
            run.Dispose();
            slots.Release();
        }
    }

    private async Task RecordRunAsync(ActiveRun run, CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, stoppingToken);
        var snapshot = run.Snapshot with { Status = RunStatus.Running, StartedAt = timeProvider.GetUtcNow(), PhaseMessage = "Starting" };
        var pending = new List<MetricSample>();
        var lastFlush = timeProvider.GetTimestamp();

        // Bookkeeping writes use CancellationToken.None: a cancelled or stopping run must still record its end.
        await store.SaveProgressAsync(snapshot, pending, CancellationToken.None);
        Publish(run, snapshot, []);
        LogStarted(run.RunId, run.RunDirectory);

        await using var scope = scopeFactory.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetService<IExperimentRunner>();
        if (runner is null)
        {
            snapshot = snapshot with
            {
                Status = RunStatus.Failed,
                Message = "No training engine is registered in this build (AddRegurgitateEngine is not wired into AddRegurgitateWebServices).",
                FinishedAt = timeProvider.GetUtcNow(),
            };
        }
        else
        {
            Directory.CreateDirectory(run.RunDirectory);
            try
            {
                await foreach (var runEvent in runner.RunAsync(run.Config, run.RunDirectory, linked.Token).WithCancellation(CancellationToken.None))
                {
                    var newPoints = new List<MetricSample>();
                    snapshot = RunEventRecorder.Apply(snapshot, runEvent, newPoints);
                    pending.AddRange(newPoints);
                    Publish(run, snapshot, newPoints);

                    if (runEvent is RunResumed resumed)
                    {
                        pending.RemoveAll(p => p.Step > resumed.Step);
                        await store.DeletePointsAfterAsync(run.RunId, resumed.Step, CancellationToken.None);
                    }

                    if (runEvent is CheckpointSaved checkpoint)
                    {
                        LogCheckpoint(run.RunId, checkpoint.Step, checkpoint.Path);
                    }

                    if (RunEventRecorder.IsMilestone(runEvent) || timeProvider.GetElapsedTime(lastFlush) >= options.Value.MetricFlushInterval)
                    {
                        await store.SaveProgressAsync(snapshot, pending, CancellationToken.None);
                        pending.Clear();
                        lastFlush = timeProvider.GetTimestamp();
                    }

                    if (runEvent is RunFinished)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !linked.IsCancellationRequested)
            {
                LogEngineFailed(ex, run.RunId);
                snapshot = snapshot with { Status = RunStatus.Failed, Message = $"The engine failed: {ex.Message}", FinishedAt = timeProvider.GetUtcNow() };
            }
            catch (OperationCanceledException)
            {
                snapshot = snapshot with { Status = RunStatus.Cancelled, Message = "Cancelled.", FinishedAt = timeProvider.GetUtcNow() };
            }

            if (!snapshot.IsFinished)
            {
                snapshot = snapshot with { Status = RunStatus.Failed, Message = "The engine ended the run without reporting a result.", FinishedAt = timeProvider.GetUtcNow() };
            }
        }

        if (stoppingToken.IsCancellationRequested && !run.Cancellation.IsCancellationRequested && snapshot.Status == RunStatus.Cancelled)
        {
            // The engine saw a cancellation, but nobody asked for one: the application is shutting down.
            snapshot = options.Value.ResumeInterrupted
                ? snapshot with { Status = RunStatus.Queued, Message = DatabaseInitializer.ResumingMessage, FinishedAt = null }
                : snapshot with { Status = RunStatus.Interrupted, Message = DatabaseInitializer.InterruptedMessage };
        }

        snapshot = snapshot with { PhaseMessage = null, PhaseFraction = null, Eta = null };
        await store.SaveProgressAsync(snapshot, pending, CancellationToken.None);
        Publish(run, snapshot, []);
        LogFinished(run.RunId, snapshot.Status, snapshot.Step, snapshot.TestBleu);
    }

    private async Task FinishWithoutRunningAsync(ActiveRun run, RunStatus status, string message)
    {
        var snapshot = run.Snapshot with { Status = status, Message = message, PhaseMessage = null, FinishedAt = timeProvider.GetUtcNow() };
        await store.SaveProgressAsync(snapshot, [], CancellationToken.None);
        Publish(run, snapshot, []);
        active.TryRemove(run.RunId, out _);
        LogFinished(run.RunId, status, 0, null);
    }

    private void Publish(ActiveRun run, RunSnapshot snapshot, IReadOnlyList<MetricSample> newPoints) =>
        run.Publish(snapshot, newPoints, ex => LogSubscriberFailed(ex, run.RunId));

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} was left queued or running by an earlier process; queued again to resume")]
    private partial void LogRequeued(int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of experiment {Experiment} queued ({Corpus}, {MaxSteps} steps)")]
    private partial void LogQueued(int runId, string experiment, string corpus, int maxSteps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started; artefacts in {RunDirectory}")]
    private partial void LogStarted(int runId, string runDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} saved a checkpoint at step {Step}: {Path}")]
    private partial void LogCheckpoint(int runId, int step, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancellation requested for run {RunId}")]
    private partial void LogCancelRequested(int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status} at step {Step}, test BLEU {TestBleu}")]
    private partial void LogFinished(int runId, RunStatus status, int step, double? testBleu);

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine threw during run {RunId}")]
    private partial void LogEngineFailed(Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record run {RunId}")]
    private partial void LogRecordingFailed(Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of run {RunId} failed to take an update")]
    private partial void LogSubscriberFailed(Exception exception, int runId);
}
