using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// The Hangfire job a worker executes for one queued run: claims the run's lease (so across every host only one process
/// trains it; a job whose run is finished, cancelled or held by a live lease does nothing), then trains it on a free
/// device slot through the same <see cref="RunRecorder"/> as the in-process coordinator — heartbeat, cancel requests
/// from the database, batched metric writes, resuming from the run folder's last complete checkpoint.
/// </summary>
public sealed partial class RunJob(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    RunStore store,
    RunLeases leases,
    Folders.ArtifactFolders folders,
    WorkerDevices devices,
    WorkerRegistry registry,
    IServiceScopeFactory scopeFactory,
    IOptions<RunsOptions> options,
    TimeProvider timeProvider,
    ILogger<RunJob> logger)
{
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Hangfire's: the worker is shutting down (the run is then left queued to resume elsewhere).</param>
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        // Every line logged while this run executes, the engine's included, names it.
        using var scope = logger.BeginScope("run {RunId}", runId);
        // The slot first: Hangfire runs no more jobs at once than there are slots, and a run is claimed only with a device to train on.
        var device = await devices.TakeAsync(cancellationToken);
        try
        {
            await ClaimAndTrainAsync(runId, device, cancellationToken);
        }
        finally
        {
            devices.Give(device);
        }
    }

    private async Task ClaimAndTrainAsync(int runId, string device, CancellationToken cancellationToken)
    {
        if (!await leases.TryClaimAsync(runId, cancellationToken))
        {
            LogNotClaimed(runId, (await store.GetStatusAsync(runId, cancellationToken))?.ToString() ?? "deleted");
            return;
        }

        // Should anything below fail before the recorder's heartbeat starts, the lease expires and the dashboard's sweep queues the run again.
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await context.Runs.AsNoTracking().Include(r => r.Experiment).SingleAsync(r => r.Id == runId, cancellationToken);
        var config = RunStore.TryReadConfig(run.ConfigJson);
        var snapshot = RunStore.ToSnapshot(run);
        if (config is null)
        {
            await store.SaveOwnedProgressAsync(
                snapshot with { Status = RunStatus.Failed, Message = "Its stored configuration can no longer be read, so it cannot run.", FinishedAt = timeProvider.GetUtcNow() },
                [], leases.Owner, release: true, CancellationToken.None);
            return;
        }

        registry.RunStarted(runId);
        var outcome = RunStatus.Failed;
        try
        {
            // The slot decides the device, outside the configuration: the run folder's config.json must stay the stored
            // one, or a run started on cuda:0 would be refused as "another configuration" when it resumes on cuda:1.
            var threads = config.Training.Threads > 0 ? config.Training.Threads : (int?)null;
            var placement = new ExecutionPlacement(device, 1, 1, threads, string.Create(CultureInfo.InvariantCulture, $"worker slot {device} of {devices.All.Count}"), device);
            LogTaken(runId, device, leases.Owner.Id);
            using var active = new ActiveRun(snapshot with { PhaseMessage = "Starting" }, config, folders.PathOf(Folders.FolderKind.Run, runId));
            outcome = await new RunRecorder(store, leases, folders, scopeFactory, options, timeProvider, logger).RecordAsync(active, placement, cancellationToken);
        }
        finally
        {
            registry.RunEnded(runId, finished: outcome is not (RunStatus.Queued or RunStatus.Running));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: nothing to do here, it is {Status} or trained by a live worker")]
    private partial void LogNotClaimed(int runId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} taken on {Device} by {Owner}")]
    private partial void LogTaken(int runId, string device, string owner);
}
