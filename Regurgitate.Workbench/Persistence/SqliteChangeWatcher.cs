using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// One watcher per process for every open page: it keeps one read-only connection and asks SQLite's
/// <c>PRAGMA data_version</c>, which changes exactly when another connection — in this process or another — has
/// committed. A tick costs one pragma on an open connection and is skipped while nobody is subscribed, so an idle
/// dashboard does no database work; a page re-reads only when something changed. On PostgreSQL it does nothing:
/// <see cref="PostgreSqlChangeWatcher"/> listens there instead.
/// </summary>
public sealed partial class SqliteChangeWatcher(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    TimeProvider timeProvider,
    ILogger<SqliteChangeWatcher> logger) : BackgroundService, IDatabaseChanges
{
    private readonly DatabaseChangeSubscribers subscribers = new(ex => LogSubscriberFailed(logger, ex));

    public IDisposable Subscribe(Action onChanged) => subscribers.Subscribe(onChanged);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        string connectionString;
        await using (var context = await contextFactory.CreateDbContextAsync(stoppingToken))
        {
            connectionString = context.Database.GetConnectionString()!;
        }

        // Its own unpooled connection: data_version is per connection, and a pooled one would be shared with writers.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        long? seen = null;
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.ChangeCheckInterval, timeProvider, stoppingToken);
                if (subscribers.IsEmpty)
                {
                    continue;
                }

                var version = await ReadVersionAsync(connection, stoppingToken);
                if (version is not null && seen is not null && version != seen)
                {
                    subscribers.Notify();
                }

                seen = version ?? seen;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task<long?> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await connection.OpenAsync(cancellationToken);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (SqliteException ex)
        {
            // A database file not created yet, or locked for a moment: pages keep what they show and the next tick asks again.
            LogCheckFailed(ex.SqliteErrorCode, ex.Message);
            await connection.CloseAsync();
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checking the database for changes failed (SQLite error {Code}): {Message}")]
    private partial void LogCheckFailed(int code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page watching the database failed to take a change")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
