using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Tests;

/// <summary><c>regurgitate runs</c> against a dashboard folder whose database holds runs another process owns.</summary>
public sealed class RunsCommandTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-cli-runs-").FullName;
    private IDbContextFactory<RegurgitateDbContext> factory = default!;

    public async Task InitializeAsync()
    {
        var settings = new { ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" }, Regurgitate = new { Data = new { DataDirectory = root } } };
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(settings));
        Directory.CreateDirectory(Path.Combine(root, "App_Data"));
        factory = new Factory(new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite($"Data Source={Path.Combine(root, "App_Data", "regurgitate.db")}").Options);
        await using var context = await factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lists_reprioritises_cancels_and_retries_runs_in_the_database()
    {
        var store = new RunStore(factory, TimeProvider.System);
        var running = (await store.CreateRunAsync("grid", new RunConfig(), CancellationToken.None)).Id;
        var dashboard = new RunLeases(factory, Options.Create(new RunsOptions()), RunOwner.ForThisProcess(TimeProvider.System), TimeProvider.System);
        Assert.True(await dashboard.TryClaimAsync(running, CancellationToken.None));
        var first = (await store.CreateRunAsync("grid", new RunConfig(), CancellationToken.None)).Id;
        var second = (await store.CreateRunAsync("grid", new RunConfig(), CancellationToken.None)).Id;
        var failed = await store.CreateRunAsync("grid", new RunConfig(), CancellationToken.None);
        await store.SaveProgressAsync(RunStore.ToSnapshot(failed) with { Status = RunStatus.Failed, Message = "Ran out of memory at step 8 on cpu" }, [], CancellationToken.None);

        var (code, output, error) = await RunAsync("runs", "priority", second.ToString(), "7", "--content-root", root);
        Assert.True(code == 0, error);
        Assert.Contains($"Run {second} now has priority 7.", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("runs", "list", "--content-root", root);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("    ID  STATUS    POS  PRIO  RETRY", lines[0], StringComparison.Ordinal);
        Assert.Matches($@"^\s+{running}\s+Running\s+-\s+0\s+0", lines[1]);
        Assert.Matches($@"^\s+{second}\s+Queued\s+1\s+7\s+0", lines[2]);
        Assert.Matches($@"^\s+{first}\s+Queued\s+2\s+0\s+0", lines[3]);
        Assert.Equal(4, lines.Length);

        (code, output, _) = await RunAsync("runs", "cancel", first.ToString(), "--content-root", root);
        Assert.Equal(0, code);
        Assert.Contains("cancelled before it started", output, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Cancelled, await store.GetStatusAsync(first, CancellationToken.None));

        // A running run belongs to the dashboard's process: the CLI stores a cancel request its heartbeat reads.
        (code, _, _) = await RunAsync("runs", "cancel", running.ToString(), "--content-root", root);
        Assert.Equal(0, code);
        Assert.Equal(LeaseRenewal.CancelRequested, await dashboard.RenewAsync(running, CancellationToken.None));

        (code, output, _) = await RunAsync("runs", "retry", failed.Id.ToString(), "--content-root", root);
        Assert.Equal(0, code);
        Assert.Contains("queued again (retry 1)", output, StringComparison.Ordinal);
        await using (var context = await factory.CreateDbContextAsync())
        {
            var row = await context.Runs.AsNoTracking().SingleAsync(r => r.Id == failed.Id);
            Assert.Equal((RunStatus.Queued, 1), (row.Status, row.Attempt));
        }

        (code, _, error) = await RunAsync("runs", "priority", first.ToString(), "3", "--content-root", root);
        Assert.Equal(1, code);
        Assert.Contains($"Run {first} is cancelled: only a queued run can be re-prioritised.", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("runs", "retry", "999", "--content-root", root);
        Assert.Equal(1, code);
        Assert.Contains("Run 999 does not exist.", error, StringComparison.Ordinal);

        (code, _, _) = await RunAsync("runs", "priority", "abc", "1", "--content-root", root);
        Assert.NotEqual(0, code);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private sealed class Factory(DbContextOptions<RegurgitateDbContext> options) : IDbContextFactory<RegurgitateDbContext>
    {
        public RegurgitateDbContext CreateDbContext() => new(options);
    }
}
