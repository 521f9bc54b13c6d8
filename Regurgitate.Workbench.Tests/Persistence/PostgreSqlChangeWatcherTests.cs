using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Persistence;

/// <summary>
/// The watcher on a real PostgreSQL server started by the tests: a commit on any connection (a worker on another host
/// writes through its own) reaches subscribers through the migrations' NOTIFY triggers within a second, and a quiet
/// database announces nothing.
/// </summary>
public sealed class PostgreSqlChangeWatcherTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly TempDatabase database = new(DatabaseProvider.PostgreSql);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_commit_from_another_connection_is_announced_within_a_second_and_a_quiet_database_announces_nothing()
    {
        await database.MigrateAsync();
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        var announced = 0;
        using var subscription = watcher.Subscribe(() => Interlocked.Increment(ref announced));
        await Task.Delay(Interval * 10);
        Assert.Equal(0, Volatile.Read(ref announced));

        var committed = DateTime.UtcNow;
        await new RunStore(database.Factory, TimeProvider.System).CreateRunAsync("watched", new RunConfig(), CancellationToken.None);
        while (Volatile.Read(ref announced) == 0 && DateTime.UtcNow < committed + TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        var latency = DateTime.UtcNow - committed;
        Assert.True(Volatile.Read(ref announced) >= 1, "the commit was not announced");
        Assert.True(latency < TimeSpan.FromSeconds(1), $"announced after {latency.TotalMilliseconds:F0} ms");
        var afterCommit = Volatile.Read(ref announced);
        await Task.Delay(Interval * 10);
        Assert.Equal(afterCommit, Volatile.Read(ref announced));
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task On_sqlite_the_postgresql_watcher_does_nothing_and_after_unsubscribing_nothing_is_announced()
    {
        await database.MigrateAsync();
        using var watcher = Watcher();
        await watcher.StartAsync(CancellationToken.None);
        var announced = 0;
        var subscription = watcher.Subscribe(() => Interlocked.Increment(ref announced));
        await Task.Delay(Interval * 4);
        subscription.Dispose();

        await new RunStore(database.Factory, TimeProvider.System).CreateRunAsync("unwatched", new RunConfig(), CancellationToken.None);
        await Task.Delay(Interval * 10);

        Assert.Equal(0, Volatile.Read(ref announced));
        await watcher.StopAsync(CancellationToken.None);

        using var onSqlite = new PostgreSqlChangeWatcher(Options.Create(new DatabaseOptions()), TimeProvider.System, NullLogger<PostgreSqlChangeWatcher>.Instance);
        await onSqlite.StartAsync(CancellationToken.None);
        await onSqlite.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5)); // ends at once instead of listening
    }

    private PostgreSqlChangeWatcher Watcher() => new(
        Options.Create(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = database.ConnectionString, ChangeCheckInterval = Interval }),
        TimeProvider.System,
        NullLogger<PostgreSqlChangeWatcher>.Instance);
}
