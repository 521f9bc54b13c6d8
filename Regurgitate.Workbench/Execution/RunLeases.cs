using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Ownership of executing runs across every process that shares the database. Each change is one conditional UPDATE,
/// so SQLite's write lock decides between two processes racing for the same run: at most one of them claims it.
/// </summary>
public sealed class RunLeases(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IOptions<RunsOptions> options,
    RunOwner owner,
    TimeProvider timeProvider)
{
    public const string ReclaimedPhase = "Queued: resumes from its last checkpoint";

    public RunOwner Owner => owner;

    /// <summary>
    /// Makes this process the run's owner with a fresh lease, if the run is queued or its previous owner's lease has
    /// expired; false when it is cancelled, finished or held by a live process.
    /// </summary>
    public async Task<bool> TryClaimAsync(int runId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs
            .Where(r => r.Id == runId
                && ((r.Status == RunStatus.Queued && r.OwnerId == null)
                    || (r.Status == RunStatus.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now))))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, RunStatus.Running)
                    .SetProperty(r => r.OwnerId, owner.Id)
                    .SetProperty(r => r.LeaseExpiresAt, expires)
                    .SetProperty(r => r.CancelRequested, false),
                cancellationToken) == 1;
    }

    /// <summary>The heartbeat: extends the lease if this process still owns the run, and reports a cancel request.</summary>
    public async Task<LeaseRenewal> RenewAsync(int runId, CancellationToken cancellationToken)
    {
        var expires = timeProvider.GetUtcNow() + options.Value.LeaseDuration;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Owner only, not status: the owner's own last writes (a cancelled run's end) come before it releases the run.
        var mine = context.Runs.Where(r => r.Id == runId && r.OwnerId == owner.Id);
        if (await mine.ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken) == 0)
        {
            return LeaseRenewal.Lost;
        }

        return await mine.Select(r => r.CancelRequested).SingleOrDefaultAsync(cancellationToken) ? LeaseRenewal.CancelRequested : LeaseRenewal.Held;
    }

    /// <summary>Asks the process that owns a running run to cancel it; false when the run is not running.</summary>
    public async Task<bool> RequestCancelAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CancelRequested, true), cancellationToken) == 1;
    }

    /// <summary>
    /// Runs whose owner stopped renewing its lease (killed, hung, or a version without leases) are queued again to
    /// resume from their last complete checkpoint; runs with a live lease are never touched.
    /// </summary>
    public async Task<int> ReclaimExpiredAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ReclaimExpiredAsync(context, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <inheritdoc cref="InterruptExpiredAsync(RegurgitateDbContext, DateTimeOffset, CancellationToken)"/>
    public async Task<int> InterruptExpiredAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await InterruptExpiredAsync(context, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <inheritdoc cref="ReclaimExpiredAsync(CancellationToken)"/>
    public static Task<int> ReclaimExpiredAsync(RegurgitateDbContext context, DateTimeOffset now, CancellationToken cancellationToken) =>
        Expired(context, now).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.Status, RunStatus.Queued)
                .SetProperty(r => r.OwnerId, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(r => r.CancelRequested, false)
                .SetProperty(r => r.Message, DatabaseInitializer.ResumingMessage)
                .SetProperty(r => r.PhaseMessage, ReclaimedPhase),
            cancellationToken);

    /// <summary>Without resuming, a run whose owner is gone can never finish: it is marked Interrupted.</summary>
    public static Task<int> InterruptExpiredAsync(RegurgitateDbContext context, DateTimeOffset now, CancellationToken cancellationToken) =>
        Expired(context, now).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.Status, RunStatus.Interrupted)
                .SetProperty(r => r.OwnerId, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(r => r.CancelRequested, false)
                .SetProperty(r => r.Message, DatabaseInitializer.InterruptedMessage)
                .SetProperty(r => r.FinishedAt, now),
            cancellationToken);

    private static IQueryable<Run> Expired(RegurgitateDbContext context, DateTimeOffset now) =>
        context.Runs.Where(r => r.Status == RunStatus.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now));
}
