using System.Globalization;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Executes one run that <see cref="RunCoordinator"/> has claimed: starts the engine, keeps the lease alive
/// (<see cref="LeaseHeartbeat"/>), records the engine's events in batches and broadcasts them, and writes the end,
/// releasing the lease. Stops writing at once when another process has taken the run over.
/// </summary>
internal sealed class RunRecorder(
    RunStore store,
    RunLeases leases,
    Folders.ArtifactFolders folders,
    IServiceScopeFactory scopeFactory,
    IOptions<RunsOptions> options,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Trains a run this process has claimed and records it; returns how it ended (Queued: left to resume, Running: taken over).</summary>
    public async Task<RunStatus> RecordAsync(ActiveRun run, ExecutionPlacement placement, CancellationToken stoppingToken)
    {
        using var leaseLost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, stoppingToken, leaseLost.Token);
        var snapshot = run.Snapshot with { Status = RunStatus.Running, StartedAt = timeProvider.GetUtcNow(), PhaseMessage = "Starting" };
        var pending = new List<MetricSample>();
        var lastFlush = timeProvider.GetTimestamp();

        // Bookkeeping writes use CancellationToken.None: a cancelled or stopping run must still record its end.
        if (!await store.SaveOwnedProgressAsync(snapshot, pending, leases.Owner, release: false, CancellationToken.None))
        {
            RunCoordinatorLog.TakenOver(logger, run.RunId);
            return RunStatus.Running;
        }

        Publish(run, snapshot, []);
        RunCoordinatorLog.Started(logger, run.RunId, run.RunDirectory);

        await using var scope = scopeFactory.CreateAsyncScope();
        var runner = RunKinds.Executor(scope.ServiceProvider, run.Config, run.Cancellation.Token);
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
            var resources = await ResourcesAsync(run.RunId, placement);
            using var stopBeating = new CancellationTokenSource();
            var heartbeat = new LeaseHeartbeat(leases, options, timeProvider, logger).RunAsync(run.RunId, run.Cancellation, leaseLost, stopBeating.Token);
            var curveSettled = false;
            CheckpointPending? unconfirmed = null;
            try
            {
                await foreach (var runEvent in runner.RunAsync(run.Config, run.RunDirectory, resources, linked.Token).WithCancellation(CancellationToken.None))
                {
                    var newPoints = new List<MetricSample>();
                    snapshot = RunEventRecorder.Apply(snapshot, runEvent, newPoints);
                    pending.AddRange(newPoints);
                    Publish(run, snapshot, newPoints);

                    if (runEvent is RunResumed resumed)
                    {
                        RunCoordinatorLog.Resumed(logger, run.RunId, resumed.Step, resumed.CheckpointPath);
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

                    // The training thread waits to write this checkpoint until the points before it are stored: answered
                    // after this event's flush below (it is a milestone), or in the finally when that flush throws.
                    unconfirmed = runEvent as CheckpointPending;

                    if (runEvent is CheckpointSaved checkpoint)
                    {
                        RunCoordinatorLog.Checkpoint(logger, run.RunId, checkpoint.Step, checkpoint.Path);
                    }

                    // The end is written once, below, where a shutdown turns it into "queued to resume" and the lease is released.
                    if (runEvent is not RunFinished && (RunEventRecorder.IsMilestone(runEvent) || timeProvider.GetElapsedTime(lastFlush) >= options.Value.MetricFlushInterval))
                    {
                        var stored = await store.SaveOwnedProgressAsync(snapshot, pending, leases.Owner, release: false, CancellationToken.None);
                        if (!stored)
                        {
                            await leaseLost.CancelAsync();
                        }

                        pending.Clear();
                        lastFlush = timeProvider.GetTimestamp();
                        unconfirmed?.Confirm(stored);
                        unconfirmed = null;
                    }

                    if (runEvent is RunFinished)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !linked.IsCancellationRequested)
            {
                RunCoordinatorLog.EngineFailed(logger, ex, run.RunId);
                snapshot = snapshot with { Status = RunStatus.Failed, Message = $"The engine failed: {ex.Message}", FinishedAt = timeProvider.GetUtcNow() };
            }
            catch (OperationCanceledException)
            {
                snapshot = snapshot with { Status = RunStatus.Cancelled, Message = "Cancelled.", FinishedAt = timeProvider.GetUtcNow() };
            }
            finally
            {
                // Whatever ended the loop, the training thread is not left waiting for an answer.
                unconfirmed?.Confirm(false);
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
            RunCoordinatorLog.TakenOver(logger, run.RunId);
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
            RunCoordinatorLog.TakenOver(logger, run.RunId);
            return RunStatus.Running;
        }

        Publish(run, snapshot, []);
        RunCoordinatorLog.Finished(logger, run.RunId, snapshot.Status, snapshot.Step, snapshot.TestBleu);
        return snapshot.Status;
    }

    /// <summary>
    /// Writes the end of a run that never trained here: a claimed one (<paramref name="owned"/>: written only while this
    /// process holds its lease, which the write releases) or one still waiting in the queue.
    /// </summary>
    public async Task RecordEndWithoutRunningAsync(ActiveRun run, RunStatus status, string message, bool owned)
    {
        var snapshot = run.Snapshot with { Status = status, Message = message, PhaseMessage = null, FinishedAt = timeProvider.GetUtcNow() };
        if (owned)
        {
            if (!await store.SaveOwnedProgressAsync(snapshot, [], leases.Owner, release: true, CancellationToken.None))
            {
                return;
            }
        }
        else
        {
            await store.SaveProgressAsync(snapshot, [], CancellationToken.None);
        }

        Publish(run, snapshot, []);
        RunCoordinatorLog.Finished(logger, run.RunId, status, 0, null);
    }

    /// <summary>The placement's threads, unless the run or its experiment already trained with another count (<see cref="RunStore.PinnedThreadsAsync"/>).</summary>
    private async Task<RunResources> ResourcesAsync(int runId, ExecutionPlacement placement)
    {
        var pinned = await store.PinnedThreadsAsync(runId, CancellationToken.None);
        var resources = pinned is { } threads && threads != placement.Threads
            ? new RunResources(threads, Device: placement.Device, Placement: string.Create(CultureInfo.InvariantCulture, $"{placement.Reason}; but {threads} thread(s), as this run or its experiment's first run trained with (a CPU run's weights depend on the count; a packed pool may be oversubscribed)"))
            : new RunResources(placement.Threads, placement.Reason, placement.Device);

        // A checkpoint waits until the curve before it is stored (answered in RecordAsync's loop): a crash between the
        // two would otherwise resume past points the database never received.
        return resources with { ConfirmStoredBeforeCheckpoint = true };
    }

    private void Publish(ActiveRun run, RunSnapshot snapshot, IReadOnlyList<MetricSample> newPoints) =>
        run.Publish(snapshot, newPoints, ex => RunCoordinatorLog.SubscriberFailed(logger, ex, run.RunId));
}
