using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// The run launcher in Workers mode: a run is written to the durable queue as always, and this process, instead of
/// training it, enqueues it as a Hangfire job (<see cref="RunJob"/>) in its priority's queue (<see cref="RunQueues"/>)
/// for the <c>regurgitate worker</c> processes. Every <see cref="RunsOptions.QueuePollInterval"/> it also sweeps: a run
/// whose owner stopped renewing its lease (a worker killed or unplugged) is queued again, and any queued run without a
/// live job gets a new one. A job handed out twice is harmless, because only the run's lease holder trains it.
/// </summary>
public sealed partial class RunDispatcher(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    RunStore store,
    RunLeases leases,
    IBackgroundJobClient jobs,
    JobStorage storage,
    IDatabaseChanges changes,
    IOptions<RunsOptions> options,
    TimeProvider timeProvider,
    ILogger<RunDispatcher> logger) : BackgroundService, IRunLauncher, IRunMonitor
{
    private readonly ConcurrentDictionary<int, (string JobId, string Queue)> jobOfRun = new();
    private readonly SemaphoreSlim queueChanged = new(0, int.MaxValue);

    // An experiment waits for all its runs at once: one query per sweep answers every waiter, not one poll per run.
    private readonly ConcurrentDictionary<int, TaskCompletionSource<RunStatus>> awaited = new();

    public async Task<int> StartAsync(string experimentName, RunConfig config, CancellationToken cancellationToken) =>
        Queued((await store.CreateRunAsync(experimentName, config, cancellationToken)).Id);

    public async Task<int> StartAsync(RunPlacement placement, RunConfig config, CancellationToken cancellationToken) =>
        Queued((await store.CreateRunAsync(placement, config, cancellationToken)).Id);

    /// <summary>Never held here: the run queue cancels through the database, which the worker's lease heartbeat reads.</summary>
    public bool Cancel(int runId) => false;

    /// <summary>
    /// Runs train in other processes: a page follows one through the database's change notifications, reading the
    /// points the worker committed since its last read (<see cref="RemoteRunObserver"/>).
    /// </summary>
    public RunObservation? Observe(int runId, Action<RunUpdate> onUpdate) =>
        RemoteRunObserver.Start(contextFactory, changes, runId, onUpdate, LogFollowFailed, timeProvider);

    /// <summary>Completes once the run has ended in whichever worker trained it; answered by the sweep (this process must host the dispatcher).</summary>
    public async Task<RunStatus> WhenFinishedAsync(int runId, CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(runId, cancellationToken)
            ?? throw new InvalidOperationException($"Run {runId} does not exist.");
        if (status is not (RunStatus.Queued or RunStatus.Running))
        {
            return status;
        }

        var waiter = awaited.GetOrAdd(runId, _ => new TaskCompletionSource<RunStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
        queueChanged.Release();
        return await waiter.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await SweepAsync(stoppingToken);
                    await AnswerWaitersAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database hiccup must not end dispatching (and with it the host); look again at the next poll.
                    LogSweepFailed(ex);
                }

                await queueChanged.WaitAsync(options.Value.QueuePollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the queue is durable, and the jobs already enqueued stay with the workers.
        }
    }

    /// <summary>One pass: queue again the runs of vanished owners, then give every queued run without a live job a job.</summary>
    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        var reclaimed = options.Value.ResumeInterrupted
            ? await leases.ReclaimExpiredAsync(cancellationToken)
            : await leases.InterruptExpiredAsync(cancellationToken);
        if (reclaimed > 0)
        {
            LogReclaimed(reclaimed);
        }

        var queued = await store.ListQueuedAsync(options.Value.OnlyExperiment, cancellationToken);
        var waiting = queued.Select(r => r.Id).ToHashSet();
        foreach (var runId in jobOfRun.Keys.Where(id => !waiting.Contains(id)))
        {
            // Started, finished or cancelled: if it is ever queued again (reclaimed, retried) it needs a new job.
            jobOfRun.TryRemove(runId, out _);
        }

        using var connection = storage.GetConnection();
        foreach (var run in queued)
        {
            var queue = RunQueues.For(run.Priority);
            if (jobOfRun.TryGetValue(run.Id, out var existing) && IsLive(connection, existing.JobId))
            {
                // Re-prioritised into another band while its job waits: move the job, unless a worker has just fetched it
                // (a deleted job is dropped by the worker that fetches it, without running).
                if (existing.Queue == queue || !jobs.ChangeState(existing.JobId, new DeletedState(), EnqueuedState.StateName))
                {
                    continue;
                }

                LogMoved(run.Id, existing.JobId, existing.Queue);
            }

            var jobId = jobs.Create<RunJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None), new EnqueuedState(queue));
            jobOfRun[run.Id] = (jobId, queue);
            LogEnqueued(run.Id, jobId, queue);
        }
    }

    private async Task AnswerWaitersAsync(CancellationToken cancellationToken)
    {
        if (awaited.IsEmpty)
        {
            return;
        }

        var ids = awaited.Keys.ToList();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var statuses = await context.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Status }).ToDictionaryAsync(r => r.Id, r => r.Status, cancellationToken);
        foreach (var id in ids)
        {
            if (!statuses.TryGetValue(id, out var status))
            {
                if (awaited.TryRemove(id, out var gone))
                {
                    gone.TrySetException(new InvalidOperationException($"Run {id} does not exist."));
                }
            }
            else if (status is not (RunStatus.Queued or RunStatus.Running) && awaited.TryRemove(id, out var waiter))
            {
                waiter.TrySetResult(status);
            }
        }
    }

    /// <summary>
    /// Whether a queued run's job will still reach a worker: waiting in its queue, or just fetched by a worker that is
    /// about to claim the run. A job processing for longer than a lease without its run leaving the queue lost its
    /// worker (killed after fetching, or its run reclaimed after a crash).
    /// </summary>
    private bool IsLive(Hangfire.Storage.IStorageConnection connection, string jobId)
    {
        var state = connection.GetStateData(jobId);
        if (state?.Name == EnqueuedState.StateName || state?.Name == ScheduledState.StateName)
        {
            return true;
        }

        if (state?.Name == ProcessingState.StateName
            && state.Data.TryGetValue("StartedAt", out var startedText)
            && DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started))
        {
            return timeProvider.GetUtcNow() - started < options.Value.LeaseDuration;
        }

        return false;
    }

    private int Queued(int runId)
    {
        queueChanged.Release();
        return runId;
    }

    public override void Dispose()
    {
        queueChanged.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} enqueued for the workers as job {JobId} in queue {Queue}")]
    private partial void LogEnqueued(int runId, string jobId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} was re-prioritised out of queue {Queue}: its job {JobId} is deleted and a new one enqueued")]
    private partial void LogMoved(int runId, string jobId, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} run(s) lost their worker (lease expired): queued again to resume from their last checkpoint")]
    private partial void LogReclaimed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read a remote run's new points for an open page; reading again in a moment")]
    private partial void LogFollowFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not dispatch the run queue; trying again at the next poll")]
    private partial void LogSweepFailed(Exception exception);
}
