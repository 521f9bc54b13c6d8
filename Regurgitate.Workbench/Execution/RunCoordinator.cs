using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Executes runs in the background: persists each run before it starts, runs at most
/// <see cref="RunsOptions.MaxConcurrentRuns"/> at once (later ones wait in the durable queue and start highest
/// priority first, then oldest), records the engine's events in batches and broadcasts them to the pages that watch
/// the run. Across processes sharing the database, each executing run is owned through a lease (<see cref="RunLeases"/>)
/// renewed by a heartbeat, so a run never executes in two processes, and one whose owner died resumes elsewhere.
/// </summary>
public sealed partial class RunCoordinator(
    RunStore store,
    RunLeases leases,
    Folders.ArtifactFolders folders,
    IServiceScopeFactory scopeFactory,
    IOptions<RunsOptions> options,
    TimeProvider timeProvider,
    ILogger<RunCoordinator> logger) : BackgroundService, IRunLauncher, IRunMonitor
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, ActiveRun> waiting = [];
    private readonly SemaphoreSlim queueChanged = new(0, int.MaxValue);
    private readonly ConcurrentDictionary<int, ActiveRun> active = new();
    private readonly ConcurrentDictionary<int, Task> executing = new();
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentRuns, options.Value.MaxConcurrentRuns);

    /// <summary>True while the run is queued or running in this process.</summary>
    public bool IsActive(int runId) => active.ContainsKey(runId);

    /// <summary>Tells the dispatcher the queue changed (a new run, a priority, a retry), so it need not wait for its next poll.</summary>
    public void NotifyQueueChanged() => queueChanged.Release();

    public async Task<int> StartAsync(string experimentName, RunConfig config, CancellationToken cancellationToken) =>
        Enqueue(await store.CreateRunAsync(experimentName, config, cancellationToken), config);

    public async Task<int> StartAsync(RunPlacement placement, RunConfig config, CancellationToken cancellationToken) =>
        Enqueue(await store.CreateRunAsync(placement, config, cancellationToken), config);

    public async Task<RunStatus> WhenFinishedAsync(int runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (active.TryGetValue(runId, out var run))
            {
                var ended = await run.Finished.Task.WaitAsync(cancellationToken);
                if (ended is not (RunStatus.Queued or RunStatus.Running))
                {
                    return ended;
                }

                // Left resumable or taken over by another process: follow it in the database from here on.
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

    private int Enqueue(Run run, RunConfig config)
    {
        var runDirectory = folders.PathOf(Folders.FolderKind.Run, run.Id);
        var busy = active.Count >= options.Value.MaxConcurrentRuns;
        var initial = RunStore.ToSnapshot(run) with
        {
            PhaseMessage = busy ? "Queued: waiting for a free slot" : "Starting",
        };

        var activeRun = new ActiveRun(initial, config, runDirectory);
        lock (gate)
        {
            if (!active.TryAdd(run.Id, activeRun))
            {
                activeRun.Dispose();
                return run.Id;
            }

            waiting[run.Id] = activeRun;
        }

        NotifyQueueChanged();
        LogQueued(run.Id, run.Experiment?.Name ?? run.ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), config.CorpusId, config.Training.MaxSteps);
        return run.Id;
    }

    public bool Cancel(int runId)
    {
        if (!active.TryGetValue(runId, out var run))
        {
            return false;
        }

        LogCancelRequested(runId);
        run.Cancellation.Cancel();
        bool wasWaiting;
        lock (gate)
        {
            wasWaiting = waiting.Remove(runId);
        }

        if (wasWaiting)
        {
            // Not started yet: settle it now rather than when its turn would have come.
            executing[runId] = SettleWithoutRunningAsync(run, RunStatus.Cancelled, "Cancelled while queued.");
        }

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
            while (true)
            {
                await slots.WaitAsync(stoppingToken);
                var run = await TakeNextAsync(stoppingToken);
                executing[run.RunId] = Task.Run(() => ExecuteRunAsync(run, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: runs still in the queue are settled as Interrupted below.
        }

        ActiveRun[] left;
        lock (gate)
        {
            left = [.. waiting.Values];
            waiting.Clear();
        }

        foreach (var run in left)
        {
            if (options.Value.ResumeInterrupted)
            {
                // Still Queued in the database: the next start picks it up.
                active.TryRemove(run.RunId, out _);
                run.Finished.TrySetCanceled(CancellationToken.None);
            }
            else
            {
                await FinishWithoutRunningAsync(run, RunStatus.Interrupted, DatabaseInitializer.InterruptedMessage);
            }
        }
    }

    /// <summary>
    /// Waits for the next run to start: the first queued run in the database's order (highest priority, then oldest)
    /// that this process holds and can claim. Looks again whenever the queue changes here, and at least every
    /// <see cref="RunsOptions.QueuePollInterval"/> for changes made by another process.
    /// </summary>
    private async Task<ActiveRun> TakeNextAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            IReadOnlyList<int> order;
            try
            {
                order = await SyncWithDatabaseAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not end the dispatcher (and with it the host); look again at the next poll.
                LogQueueReadFailed(ex);
                await Task.Delay(options.Value.QueuePollInterval, stoppingToken);
                continue;
            }

            foreach (var runId in order)
            {
                ActiveRun? candidate;
                lock (gate)
                {
                    if (!waiting.Remove(runId, out candidate))
                    {
                        continue;
                    }
                }

                bool claimed;
                try
                {
                    claimed = await leases.TryClaimAsync(runId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogQueueReadFailed(ex);
                    lock (gate)
                    {
                        waiting[runId] = candidate;
                    }

                    break;
                }

                if (claimed)
                {
                    return candidate;
                }

                // Cancelled or taken elsewhere between the listing and the claim.
                await SettleFromDatabaseAsync(candidate);
            }

            await queueChanged.WaitAsync(options.Value.QueuePollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// Brings this process's waiting list in line with the durable queue: takes up queued runs it does not hold yet
    /// (retried or created by another process), drops those that are no longer queued (cancelled by another process),
    /// and returns the queue's order.
    /// </summary>
    private async Task<IReadOnlyList<int>> SyncWithDatabaseAsync(CancellationToken cancellationToken)
    {
        // A process that died or hung while running a run leaves it Running with a lease nobody renews.
        _ = options.Value.ResumeInterrupted
            ? await leases.ReclaimExpiredAsync(cancellationToken)
            : await leases.InterruptExpiredAsync(cancellationToken);
        var order = await store.ListQueueOrderAsync(options.Value.OnlyExperiment, cancellationToken);
        var unknown = order.Where(id => !active.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var run in await store.GetQueuedAsync(unknown, cancellationToken))
            {
                await TakeUpQueuedRunAsync(run, cancellationToken);
            }
        }

        var queued = order.ToHashSet();
        List<ActiveRun> gone;
        lock (gate)
        {
            gone = [.. waiting.Values.Where(r => !queued.Contains(r.RunId))];
            foreach (var run in gone)
            {
                waiting.Remove(run.RunId);
            }
        }

        foreach (var run in gone)
        {
            await SettleFromDatabaseAsync(run);
        }

        return order;
    }

    /// <summary>Runs left queued (or requeued after a crash) by an earlier process, in queue order.</summary>
    private async Task EnqueueDurableQueueAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await store.ListQueuedAsync(options.Value.OnlyExperiment, cancellationToken))
        {
            await TakeUpQueuedRunAsync(run, cancellationToken);
        }
    }

    private async Task TakeUpQueuedRunAsync(Run run, CancellationToken cancellationToken)
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
            return;
        }

        LogRequeued(run.Id);
        Enqueue(run, config);
    }

    /// <summary>A waiting run whose database row left the queue behind this process's back: end it with the stored status.</summary>
    private async Task SettleFromDatabaseAsync(ActiveRun run)
    {
        try
        {
            var status = await store.GetStatusAsync(run.RunId, CancellationToken.None) ?? RunStatus.Cancelled;
            Publish(run, run.Snapshot with { Status = status, PhaseMessage = null }, []);
            run.Finished.TrySetResult(status);
        }
        catch (Exception ex)
        {
            // Unreadable now: if it is still queued, the next poll takes it up again under a fresh entry.
            LogQueueReadFailed(ex);
            run.Finished.TrySetResult(RunStatus.Interrupted);
        }
        finally
        {
            active.TryRemove(run.RunId, out _);
            run.Dispose();
        }
    }

    private async Task SettleWithoutRunningAsync(ActiveRun run, RunStatus status, string message)
    {
        try
        {
            await FinishWithoutRunningAsync(run, status, message);
        }
        catch (Exception ex)
        {
            LogRecordingFailed(ex, run.RunId);
        }
        finally
        {
            run.Finished.TrySetResult(status);
            active.TryRemove(run.RunId, out _);
            executing.TryRemove(run.RunId, out _);
            run.Dispose();
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
        queueChanged.Dispose();
        base.Dispose();
    }

    private async Task ExecuteRunAsync(ActiveRun run, CancellationToken stoppingToken)
    {
        var outcome = RunStatus.Failed;
        try
        {
            if (run.Cancellation.IsCancellationRequested)
            {
                await FinishOwnedWithoutRunningAsync(run, RunStatus.Cancelled, "Cancelled before it started.");
                outcome = RunStatus.Cancelled;
                return;
            }

            outcome = await RecordRunAsync(run, stoppingToken);
        }
        catch (Exception ex)
        {
            LogRecordingFailed(ex, run.RunId);
        }
        finally
        {
            run.Finished.TrySetResult(outcome);
            active.TryRemove(run.RunId, out _);
            executing.TryRemove(run.RunId, out _);
            run.Dispose();
            slots.Release();
        }
    }

    /// <summary>Trains a run this process has claimed and records it; returns how it ended (Queued: left to resume, Running: taken over).</summary>
    private async Task<RunStatus> RecordRunAsync(ActiveRun run, CancellationToken stoppingToken)
    {
        using var leaseLost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, stoppingToken, leaseLost.Token);
        var snapshot = run.Snapshot with { Status = RunStatus.Running, StartedAt = timeProvider.GetUtcNow(), PhaseMessage = "Starting" };
        var pending = new List<MetricSample>();
        var lastFlush = timeProvider.GetTimestamp();

        // Bookkeeping writes use CancellationToken.None: a cancelled or stopping run must still record its end.
        if (!await store.SaveOwnedProgressAsync(snapshot, pending, leases.Owner, release: false, CancellationToken.None))
        {
            LogTakenOver(run.RunId);
            return RunStatus.Running;
        }

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
            // Resumes only from a folder this very run made: one left by another database is set aside first.
            await folders.ClaimRunAsync(run.RunId, CancellationToken.None);
            using var stopBeating = new CancellationTokenSource();
            var heartbeat = new LeaseHeartbeat(leases, options, timeProvider, logger).RunAsync(run.RunId, run.Cancellation, leaseLost, stopBeating.Token);
            var curveSettled = false;
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
                        await store.DeletePointsAfterAsync(run.RunId, resumed.Step, leases.Owner, CancellationToken.None);
                        curveSettled = true;
                    }
                    else if (runEvent is StepCompleted firstStep && !curveSettled)
                    {
                        // Starting afresh (a retry or a restart without a complete checkpoint): an earlier attempt's
                        // points from here on are replaced, so the curve has no duplicates. Its own points are still pending.
                        await store.DeletePointsAfterAsync(run.RunId, firstStep.Step - 1, leases.Owner, CancellationToken.None);
                        curveSettled = true;
                    }

                    if (runEvent is CheckpointSaved checkpoint)
                    {
                        LogCheckpoint(run.RunId, checkpoint.Step, checkpoint.Path);
                    }

                    // The end is written once, below, where a shutdown turns it into "queued to resume" and the lease is released.
                    if (runEvent is not RunFinished && (RunEventRecorder.IsMilestone(runEvent) || timeProvider.GetElapsedTime(lastFlush) >= options.Value.MetricFlushInterval))
                    {
                        if (!await store.SaveOwnedProgressAsync(snapshot, pending, leases.Owner, release: false, CancellationToken.None))
                        {
                            await leaseLost.CancelAsync();
                        }

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
            finally
            {
                await stopBeating.CancelAsync();
                await heartbeat;
            }

            if (!snapshot.IsFinished)
            {
                snapshot = snapshot with { Status = RunStatus.Failed, Message = "The engine ended the run without reporting a result.", FinishedAt = timeProvider.GetUtcNow() };
            }
        }

        if (leaseLost.IsCancellationRequested)
        {
            // Another process owns the run now and records it; anything written from here would corrupt its curve.
            LogTakenOver(run.RunId);
            return RunStatus.Running;
        }

        if (stoppingToken.IsCancellationRequested && !run.Cancellation.IsCancellationRequested && snapshot.Status == RunStatus.Cancelled)
        {
            // The engine saw a cancellation, but nobody asked for one: the application is shutting down.
            snapshot = options.Value.ResumeInterrupted
                ? snapshot with { Status = RunStatus.Queued, Message = DatabaseInitializer.ResumingMessage, FinishedAt = null }
                : snapshot with { Status = RunStatus.Interrupted, Message = DatabaseInitializer.InterruptedMessage };
        }

        snapshot = snapshot with { PhaseMessage = snapshot.Status == RunStatus.Queued ? RunLeases.ReclaimedPhase : null, PhaseFraction = null, Eta = null };

        // Releasing the lease with the last write: a run left Queued is free for any process at once.
        if (!await store.SaveOwnedProgressAsync(snapshot, pending, leases.Owner, release: true, CancellationToken.None))
        {
            LogTakenOver(run.RunId);
            return RunStatus.Running;
        }

        Publish(run, snapshot, []);
        LogFinished(run.RunId, snapshot.Status, snapshot.Step, snapshot.TestBleu);
        return snapshot.Status;
    }

    /// <summary>A claimed run cancelled before it started: recorded and its lease released.</summary>
    private async Task FinishOwnedWithoutRunningAsync(ActiveRun run, RunStatus status, string message)
    {
        var snapshot = run.Snapshot with { Status = status, Message = message, PhaseMessage = null, FinishedAt = timeProvider.GetUtcNow() };
        if (await store.SaveOwnedProgressAsync(snapshot, [], leases.Owner, release: true, CancellationToken.None))
        {
            Publish(run, snapshot, []);
            LogFinished(run.RunId, status, 0, null);
        }

        active.TryRemove(run.RunId, out _);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read or claim from the run queue; trying again at the next poll")]
    private partial void LogQueueReadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} is owned by another process now; this process stopped recording it")]
    private partial void LogTakenOver(int runId);

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
