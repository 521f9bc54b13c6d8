using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Executes runs in the background: persists each run before it starts, runs as many at once as their placements allow
/// (<see cref="PlacementPlanner"/>: <see cref="RunsOptions.MaxConcurrentRuns"/> with packing off, else the cores or
/// GPUs divided between them; later ones wait in the durable queue and start highest
/// priority first, then oldest), records the engine's events in batches and broadcasts them to the pages that watch
/// the run. Across processes sharing the database, each executing run is owned through a lease (<see cref="RunLeases"/>)
/// renewed by a heartbeat, so a run never executes in two processes, and one whose owner died resumes elsewhere.
/// <para>
/// This class keeps the queue (polling the database, claiming, cancelling, shutting down); the runs it holds are in
/// <see cref="HeldRuns"/>, and <see cref="RunRecorder"/> executes a claimed run and records it (and the end of one that never ran).
/// </para>
/// </summary>
public sealed class RunCoordinator(
    RunStore store,
    RunLeases leases,
    Folders.ArtifactFolders folders,
    IServiceScopeFactory scopeFactory,
    IOptions<RunsOptions> options,
    TimeProvider timeProvider,
    ILogger<RunCoordinator> logger) : BackgroundService, IRunLauncher, IRunMonitor
{
    private readonly HeldRuns held = new();
    private readonly SemaphoreSlim queueChanged = new(0, int.MaxValue);
    private readonly ConcurrentDictionary<int, Task> executing = new();
    private readonly PlacementGate gate = new();
    private readonly RunRecorder recorder = new(store, leases, folders, scopeFactory, options, timeProvider, logger);

    /// <summary>Test seam: called on the dispatcher with a queued run it is about to start, where a cancel can land.</summary>
    internal Action<int> CandidateChosen { get; set; } = _ => { };

    /// <summary>True while the run is queued or running in this process.</summary>
    public bool IsActive(int runId) => held.Contains(runId);

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
            if (held.TryGet(runId, out var run))
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
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken);
        }
    }

    private int Enqueue(Run run, RunConfig config)
    {
        var runDirectory = folders.PathOf(Folders.FolderKind.Run, run.Id);
        var busy = held.Count >= options.Value.MaxConcurrentRuns;
        var initial = RunStore.ToSnapshot(run) with
        {
            PhaseMessage = busy ? "Queued: waiting for a free slot" : "Starting",
        };

        var activeRun = new ActiveRun(initial, config, runDirectory);
        if (!held.TryAddWaiting(activeRun))
        {
            activeRun.Dispose();
            return run.Id;
        }

        NotifyQueueChanged();
        RunCoordinatorLog.Queued(logger, run.Id, run.Experiment?.Name ?? run.ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), config.CorpusId, config.Training.MaxSteps);
        return run.Id;
    }

    public bool Cancel(int runId)
    {
        if (!held.TryGet(runId, out var run))
        {
            return false;
        }

        RunCoordinatorLog.CancelRequested(logger, runId);
        run.Cancellation.Cancel();
        if (held.TryTakeWaiting(runId, out _))
        {
            // Not started yet: settle it now rather than when its turn would have come.
            SettleCancelledWhileQueued(run);
        }

        return true;
    }

    public RunObservation? Observe(int runId, Action<RunUpdate> onUpdate) =>
        held.TryGet(runId, out var run) ? run.Observe(onUpdate) : null;

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
                var (run, placement) = await TakeNextAsync(stoppingToken);
                RunCoordinatorLog.Placed(logger, run.RunId, placement.Reason);
                executing[run.RunId] = Task.Run(() => ExecuteRunAsync(run, placement, stoppingToken), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: runs still in the queue are settled as Interrupted below.
        }

        foreach (var run in held.TakeAllWaiting())
        {
            if (options.Value.ResumeInterrupted)
            {
                // Still Queued in the database: the next start picks it up.
                held.Remove(run.RunId);
                run.Finished.TrySetCanceled(CancellationToken.None);
            }
            else
            {
                await recorder.RecordEndWithoutRunningAsync(run, RunStatus.Interrupted, DatabaseInitializer.InterruptedMessage, owned: false);
                held.Remove(run.RunId);
            }
        }
    }

    /// <summary>
    /// Waits for the next run to start: the first queued run in the database's order (highest priority, then oldest)
    /// that this process holds and can claim, once its placement's pool has room (the queue's head waits for room rather
    /// than being overtaken, so priorities hold). Looks again whenever a run ends or whenever the queue changes here, and at least every
    /// <see cref="RunsOptions.QueuePollInterval"/> for changes made by another process.
    /// </summary>
    private async Task<(ActiveRun Run, ExecutionPlacement Placement)> TakeNextAsync(CancellationToken stoppingToken)
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
                RunCoordinatorLog.QueueReadFailed(logger, ex);
                await Task.Delay(options.Value.QueuePollInterval, timeProvider, stoppingToken);
                continue;
            }

            foreach (var runId in order)
            {
                // Looked at in place until its slot is taken: a run taken off the waiting list only to be put back
                // would be invisible to a cancel arriving in between, which then left it queued until its turn.
                if (!held.TryPeekWaiting(runId, out var candidate))
                {
                    continue;
                }

                CandidateChosen(runId);
                var placement = PlacementPlanner.Choose(candidate.Config, options.Value, options.Value.Cores > 0 ? options.Value.Cores : Environment.ProcessorCount, PlacementPlanner.DevicePool);
                if (!gate.TryTake(placement))
                {
                    break;
                }

                if (!held.TryTakeWaiting(runId, out _))
                {
                    // Cancelled (and settled by the cancel) since it was looked at.
                    gate.Give(placement);
                    continue;
                }

                bool claimed;
                try
                {
                    claimed = await leases.TryClaimAsync(runId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RunCoordinatorLog.QueueReadFailed(logger, ex);
                    gate.Give(placement);
                    if (!held.TryPutBackWaiting(candidate))
                    {
                        SettleCancelledWhileQueued(candidate);
                    }

                    break;
                }

                if (claimed)
                {
                    return (candidate, placement);
                }

                gate.Give(placement);

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
        var unknown = order.Where(id => !held.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var run in await store.GetQueuedAsync(unknown, cancellationToken))
            {
                await TakeUpQueuedRunAsync(run, cancellationToken);
            }
        }

        var queued = order.ToHashSet();
        foreach (var run in held.TakeWaitingNotIn(queued))
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
        var config = RunStore.TryReadConfig(run.ConfigJson);
        if (config is null)
        {
            var unreadable = RunStore.ToSnapshot(run) with { Status = RunStatus.Failed, Message = "Its stored configuration can no longer be read, so it cannot resume.", FinishedAt = timeProvider.GetUtcNow() };
            await store.SaveProgressAsync(unreadable, [], cancellationToken);
            return;
        }

        RunCoordinatorLog.Requeued(logger, run.Id);
        Enqueue(run, config);
    }

    /// <summary>A waiting run whose database row left the queue behind this process's back: end it with the stored status.</summary>
    private async Task SettleFromDatabaseAsync(ActiveRun run)
    {
        try
        {
            var status = await store.GetStatusAsync(run.RunId, CancellationToken.None) ?? RunStatus.Cancelled;
            run.Publish(run.Snapshot with { Status = status, PhaseMessage = null }, [], ex => RunCoordinatorLog.SubscriberFailed(logger, ex, run.RunId));
            run.Finished.TrySetResult(status);
        }
        catch (Exception ex)
        {
            // Unreadable now: if it is still queued, the next poll takes it up again under a fresh entry.
            RunCoordinatorLog.QueueReadFailed(logger, ex);
            run.Finished.TrySetResult(RunStatus.Interrupted);
        }
        finally
        {
            held.Remove(run.RunId);
            run.Dispose();
        }
    }

    private void SettleCancelledWhileQueued(ActiveRun run) =>
        executing[run.RunId] = SettleWithoutRunningAsync(run, RunStatus.Cancelled, "Cancelled while queued.");

    private async Task SettleWithoutRunningAsync(ActiveRun run, RunStatus status, string message)
    {
        try
        {
            await recorder.RecordEndWithoutRunningAsync(run, status, message, owned: false);
        }
        catch (Exception ex)
        {
            RunCoordinatorLog.RecordingFailed(logger, ex, run.RunId);
        }
        finally
        {
            run.Finished.TrySetResult(status);
            held.Remove(run.RunId);
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
        queueChanged.Dispose();
        base.Dispose();
    }

    private async Task ExecuteRunAsync(ActiveRun run, ExecutionPlacement placement, CancellationToken stoppingToken)
    {
        var outcome = RunStatus.Failed;
        try
        {
            if (run.Cancellation.IsCancellationRequested)
            {
                await recorder.RecordEndWithoutRunningAsync(run, RunStatus.Cancelled, "Cancelled before it started.", owned: true);
                outcome = RunStatus.Cancelled;
                return;
            }

            outcome = await recorder.RecordAsync(run, placement, stoppingToken);
        }
        catch (Exception ex)
        {
            RunCoordinatorLog.RecordingFailed(logger, ex, run.RunId);
        }
        finally
        {
            run.Finished.TrySetResult(outcome);
            held.Remove(run.RunId);
            executing.TryRemove(run.RunId, out _);
            run.Dispose();
            gate.Give(placement);
            NotifyQueueChanged();
        }
    }
}
