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

        // WAL lets the dashboard read while a run writes metric points; the mode is stored in the file itself.
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var interrupted = runsOptions.Value.ResumeInterrupted
            ? await RequeueUnfinishedRunsAsync(context, cancellationToken)
            : await MarkUnfinishedRunsInterruptedAsync(context, timeProvider.GetUtcNow(), cancellationToken);
        await context.Experiments
            .Where(e => e.Status == ExperimentStatus.Preparing || e.Status == ExperimentStatus.Running)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(e => e.Status, ExperimentStatus.Stopped)
                    .SetProperty(e => e.StatusMessage, ExperimentInterruptedMessage),
                cancellationToken);
        if (interrupted > 0)
        {
            LogInterrupted(interrupted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs still marked Running or Queued belong to a process that is gone: queue them again to resume.</summary>
    public static Task<int> RequeueUnfinishedRunsAsync(RegurgitateDbContext context, CancellationToken cancellationToken) =>
        context.Runs
            .Where(r => r.Status == RunStatus.Running || r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, RunStatus.Queued)
                    .SetProperty(r => r.Message, ResumingMessage)
                    .SetProperty(r => r.PhaseMessage, "Queued: resumes from its last checkpoint"),
                cancellationToken);

    /// <summary>Runs still marked Running or Queued belong to a process that is gone: without resuming, they can never finish.</summary>
    public static Task<int> MarkUnfinishedRunsInterruptedAsync(RegurgitateDbContext context, DateTimeOffset now, CancellationToken cancellationToken) =>
        context.Runs
            .Where(r => r.Status == RunStatus.Running || r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, RunStatus.Interrupted)
                    .SetProperty(r => r.Message, InterruptedMessage)
                    .SetProperty(r => r.FinishedAt, now),
                cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found {Count} unfinished run(s) from a previous process (queued again when resuming is on, else marked Interrupted)")]
    private partial void LogInterrupted(int count);
}
