using Microsoft.EntityFrameworkCore;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// Brings the database to the current schema and settles runs that a previous process left unfinished, before the
/// web server and the run coordinator start.
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    Microsoft.Extensions.Options.IOptions<Execution.RunsOptions> runsOptions,
    DatabaseMigrator migrator,
    Microsoft.Extensions.Options.IOptions<Dispatch.DispatchOptions> dispatchOptions,
    TimeProvider timeProvider,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string InterruptedMessage = "The application stopped while this run was in progress; its results up to then are kept.";
    public const string ResumingMessage = "The application stopped while this run was queued or in progress; it continues from its last complete checkpoint.";
    public const string ExperimentInterruptedMessage = "The application stopped while this experiment was in progress. Start it again to resume: finished runs and generated data are kept.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

        if (context.Database.IsSqlite())
        {
            // WAL lets the dashboard read while a run writes metric points; the mode is stored in the file itself.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        var interrupted = runsOptions.Value.ResumeInterrupted
            ? await Execution.RunLeases.ReclaimExpiredAsync(context, now, cancellationToken)
            : await MarkUnfinishedRunsInterruptedAsync(context, now, cancellationToken);

        // Another process sharing the database may be executing an experiment's runs right now: only experiments with
        // no live run lease were left behind by a process that is gone. A worker joining never judges experiments: the
        // dashboard driving one may be preparing it, with no run leased yet.
        if (dispatchOptions.Value.Role == Dispatch.WorkbenchRole.Dashboard)
        {
            await SettleExperimentsAsync(context, now, cancellationToken);
        }

        if (interrupted > 0)
        {
            LogInterrupted(interrupted);
        }
    }

    private static async Task SettleExperimentsAsync(RegurgitateDbContext context, DateTimeOffset now, CancellationToken cancellationToken) =>
        await context.Experiments
            .Where(e => e.Status == ExperimentStatus.Preparing || e.Status == ExperimentStatus.Running)
            .Where(e => !e.Runs.Any(r => r.Status == RunStatus.Running && r.LeaseExpiresAt != null && r.LeaseExpiresAt >= now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(e => e.Status, ExperimentStatus.Stopped)
                    .SetProperty(e => e.StatusMessage, ExperimentInterruptedMessage),
                cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Without resuming, runs left queued, and running runs whose owner's lease expired, can never finish: they are
    /// marked Interrupted. Runs with a live lease belong to another process and are left alone.
    /// </summary>
    public static async Task<int> MarkUnfinishedRunsInterruptedAsync(RegurgitateDbContext context, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Execution.RunLeases.InterruptExpiredAsync(context, now, cancellationToken)
        + await context.Runs
            .Where(r => r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, RunStatus.Interrupted)
                    .SetProperty(r => r.Message, InterruptedMessage)
                    .SetProperty(r => r.FinishedAt, now),
                cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found {Count} unfinished run(s) whose process is gone (lease expired; queued again when resuming is on, else marked Interrupted)")]
    private partial void LogInterrupted(int count);
}
