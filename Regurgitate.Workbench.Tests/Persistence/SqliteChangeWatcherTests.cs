using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Persistence;

/// <summary>The shared watcher on a real SQLite file: commits through any other connection reach subscribers, and only those.</summary>
public sealed class SqliteChangeWatcherTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly TempDatabase database = new(DatabaseProvider.Sqlite);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_commit_from_another_connection_is_announced_and_a_quiet_database_announces_nothing()
    {
        await database.MigrateAsync();
        using var watcher = new SqliteChangeWatcher(database.Factory, Options.Create(new DatabaseOptions { ChangeCheckInterval = Interval }), TimeProvider.System, NullLogger<SqliteChangeWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        var announced = 0;
        using var subscription = watcher.Subscribe(() => Interlocked.Increment(ref announced));

        // The first checks only learn the current version; a quiet database then stays quiet.
        await Task.Delay(Interval * 8);
        Assert.Equal(0, Volatile.Read(ref announced));

        await new RunStore(database.Factory, TimeProvider.System).CreateRunAsync("watched", new RunConfig(), CancellationToken.None);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref announced) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Interval);
        }

        var afterCommit = Volatile.Read(ref announced);
        Assert.True(afterCommit >= 1, "the commit was not announced");
        await Task.Delay(Interval * 8);
        Assert.Equal(afterCommit, Volatile.Read(ref announced));
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task After_unsubscribing_nothing_is_announced()
    {
        await database.MigrateAsync();
        using var watcher = new SqliteChangeWatcher(database.Factory, Options.Create(new DatabaseOptions { ChangeCheckInterval = Interval }), TimeProvider.System, NullLogger<SqliteChangeWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        var announced = 0;
        var subscription = watcher.Subscribe(() => Interlocked.Increment(ref announced));
        await Task.Delay(Interval * 4);
        subscription.Dispose();

        await new RunStore(database.Factory, TimeProvider.System).CreateRunAsync("unwatched", new RunConfig(), CancellationToken.None);
        await Task.Delay(Interval * 8);

        Assert.Equal(0, Volatile.Read(ref announced));
        await watcher.StopAsync(CancellationToken.None);
    }
}
