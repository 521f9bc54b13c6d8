using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// Open pages' news of commits on PostgreSQL, from any process on any host: the migrations add statement triggers
/// that <c>NOTIFY</c> <see cref="Channel"/> when experiments, runs, metric points or datasets change, and this watcher
/// <c>LISTEN</c>s on one connection of its own. Notifications are gathered and passed on at most once per
/// <see cref="DatabaseOptions.ChangeCheckInterval"/>, so a run writing points does not make pages redraw per insert.
/// On SQLite it does nothing (<see cref="SqliteChangeWatcher"/> asks SQLite instead).
/// </summary>
public sealed partial class PostgreSqlChangeWatcher(
    IOptions<DatabaseOptions> options,
    TimeProvider timeProvider,
    ILogger<PostgreSqlChangeWatcher> logger) : BackgroundService, IDatabaseChanges
{
    /// <summary>The channel the migrations' triggers notify.</summary>
    public const string Channel = "regurgitate_changes";

    private readonly DatabaseChangeSubscribers subscribers = new(ex => LogSubscriberFailed(logger, ex));
    private int changed;

    public IDisposable Subscribe(Action onChanged) => subscribers.Subscribe(onChanged);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != DatabaseProvider.PostgreSql)
        {
            return;
        }

        var listening = ListenAsync(stoppingToken);
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.ChangeCheckInterval, timeProvider, stoppingToken);
                if (Interlocked.Exchange(ref changed, 0) == 1 && !subscribers.IsEmpty)
                {
                    subscribers.Notify();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }

        await listening;
    }

    // One connection that only listens; when the server goes away it reconnects, and pages are told once, since
    // commits made meanwhile were not heard.
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
                connection.Notification += (_, _) => Volatile.Write(ref changed, 1);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (reconnecting)
                {
                    Volatile.Write(ref changed, 1);
                }

                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
            {
                LogListenFailed(logger, ex.Message);
                reconnecting = true;
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for database changes failed ({Message}); trying again in 2 s")]
    private static partial void LogListenFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page watching the database failed to take a change")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
