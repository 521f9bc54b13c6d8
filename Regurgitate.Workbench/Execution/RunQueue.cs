using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// <see cref="IRunQueue"/> over the durable queue. Runs this process holds are acted on directly through the
/// coordinator; runs held by another process are changed in the database (which that process's coordinator reads
/// before starting each run) or, when running, asked to stop through <see cref="Run.CancelRequested"/>, which the
/// owner's lease heartbeat reads.
/// </summary>
public sealed partial class RunQueue(
    RunStore store,
    RunCoordinator coordinator,
    RunLeases leases,
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    ILogger<RunQueue> logger) : IRunQueue
{
    public async Task<IReadOnlyList<RunQueueEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .OrderByDescending(r => r.Status == RunStatus.Running).ThenByDescending(r => r.Priority).ThenBy(r => r.Id)
            .Select(r => new { r.Id, Experiment = r.Experiment!.Name, r.Status, r.Priority, r.Attempt, r.LastStep, r.MaxSteps, r.TrainingPairs, r.Message })
            .ToListAsync(cancellationToken);
        var position = 0;
        return [.. rows.Select(r => new RunQueueEntry(
            r.Id, r.Experiment, r.Status, r.Priority, r.Attempt,
            r.Status == RunStatus.Queued ? ++position : null,
            r.LastStep, StepProgress.Planned(r.MaxSteps, r.TrainingPairs), r.Message))];
    }

    public async Task<RunQueueResult> SetPriorityAsync(int runId, int priority, CancellationToken cancellationToken)
    {
        if (!await store.SetPriorityAsync(runId, priority, cancellationToken))
        {
            return await RefuseAsync(runId, "only a queued run can be re-prioritised", cancellationToken);
        }

        coordinator.NotifyQueueChanged();
        LogPriority(runId, priority);
        return RunQueueResult.Done($"Run {Id(runId)} now has priority {priority.ToString(CultureInfo.InvariantCulture)}.");
    }

    public async Task<RunQueueResult> SetExperimentPriorityAsync(int experimentId, int priority, CancellationToken cancellationToken)
    {
        if (await store.SetExperimentPriorityAsync(experimentId, priority, cancellationToken) is not { } runs)
        {
            return RunQueueResult.Refused($"There is no experiment {experimentId.ToString(CultureInfo.InvariantCulture)}.");
        }

        coordinator.NotifyQueueChanged();
        LogExperimentPriority(experimentId, priority, runs);
        return RunQueueResult.Done(string.Create(CultureInfo.InvariantCulture, $"Experiment {experimentId} now has priority {priority}: {runs} queued run(s) moved, and its later runs queue at it."));
    }

    public async Task<RunQueueResult> CancelAsync(int runId, CancellationToken cancellationToken)
    {
        if (coordinator.Cancel(runId))
        {
            return RunQueueResult.Done($"Run {Id(runId)} is being cancelled.");
        }

        if (await store.CancelQueuedAsync(runId, "Cancelled while queued.", cancellationToken))
        {
            LogCancelledQueued(runId);
            return RunQueueResult.Done($"Run {Id(runId)} was cancelled before it started.");
        }

        if (await leases.RequestCancelAsync(runId, cancellationToken))
        {
            // Held by another process: its heartbeat sees the request and cancels the run, which records how far it got.
            LogCancelRequestWritten(runId);
            return RunQueueResult.Done($"Asked the process running run {Id(runId)} to cancel it; it stops within a few seconds.");
        }

        return await RefuseAsync(runId, "only a queued or running run can be cancelled", cancellationToken);
    }

    public async Task<RunQueueResult> RetryAsync(int runId, CancellationToken cancellationToken)
    {
        if (coordinator.IsActive(runId))
        {
            return RunQueueResult.Refused($"Run {Id(runId)} is still queued or running.");
        }

        if (await store.RequeueForRetryAsync(runId, cancellationToken) is not { } attempt)
        {
            return await RefuseAsync(runId, "only a failed, cancelled or interrupted run can be retried", cancellationToken);
        }

        coordinator.NotifyQueueChanged();
        LogRetried(runId, attempt);
        return RunQueueResult.Done($"Run {Id(runId)} is queued again (retry {attempt.ToString(CultureInfo.InvariantCulture)}); it continues from its last complete checkpoint, if it has one.");
    }

    private async Task<RunQueueResult> RefuseAsync(int runId, string rule, CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(runId, cancellationToken);
        return RunQueueResult.Refused(status is null
            ? $"Run {Id(runId)} does not exist."
            : $"Run {Id(runId)} is {status.Value.ToString().ToLowerInvariant()}: {rule}.");
    }

    private static string Id(int runId) => runId.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} re-prioritised to {Priority}")]
    private partial void LogPriority(int runId, int priority);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} re-prioritised to {Priority} with {Runs} queued runs")]
    private partial void LogExperimentPriority(int experimentId, int priority, int runs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} cancelled while queued")]
    private partial void LogCancelledQueued(int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} runs in another process; cancel request stored for its owner")]
    private partial void LogCancelRequestWritten(int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} queued again for retry {Attempt}")]
    private partial void LogRetried(int runId, int attempt);
}
