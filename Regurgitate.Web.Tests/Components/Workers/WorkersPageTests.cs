using Bunit;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Web.Features.Workers;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components.Workers;

/// <summary>
/// The Workers page over the real monitor and Hangfire's real PostgreSQL storage, which workers' registries write:
/// a live worker with its devices, current run and runs done, and a worker that went silent.
/// </summary>
public sealed class WorkersPageTests : DashboardTestContext, IDisposable
{
    private readonly string connectionString = PostgreSqlTestServer.Shared.CreateDatabase();

    public void Dispose() => PostgreSqlTestServer.Shared.DropDatabase(connectionString);

    [Fact]
    public void Lists_each_worker_with_its_devices_current_run_heartbeat_and_runs_done()
    {
        var options = Options.Create(new DispatchOptions { Mode = DispatchMode.Workers, Devices = "cuda:0,cuda:1", Role = WorkbenchRole.Worker });
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true });
        var busy = Registry(storage, options, TimeProvider.System, out var busyOwner);
        busy.RunStarted(3);
        busy.RunEnded(3, finished: true);
        busy.RunStarted(7);

        // A worker whose last report is an hour old: killed, or cut off from the database.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        Registry(storage, Options.Create(new DispatchOptions { Mode = DispatchMode.Workers, Devices = "cpu" }), past, out var silentOwner).RunStarted(9);

        var provider = new ServiceCollection().AddSingleton<Hangfire.JobStorage>(storage).BuildServiceProvider();
        Context.Services.AddSingleton<IWorkerMonitor>(new WorkerMonitor(provider, options, TimeProvider.System));
        var page = Context.Render<WorkersPage>();

        var rows = page.WaitForElements("[data-testid=worker-row]", 2, TimeSpan.FromSeconds(10));
        var live = rows[0].TextContent;
        Assert.Contains("cuda:0, cuda:1", live, StringComparison.Ordinal);
        Assert.Contains("#7", live, StringComparison.Ordinal);
        Assert.DoesNotContain("#3", live, StringComparison.Ordinal);
        Assert.Contains(Environment.MachineName, live, StringComparison.Ordinal);
        Assert.Contains(busyOwner.Id, live, StringComparison.Ordinal);
        Assert.Matches(@"\d+ s ago", live);
        Assert.Equal("1", rows[0].QuerySelector("td.text-right")!.TextContent.Trim());
        Assert.Equal("/runs/7", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("silent", live, StringComparison.Ordinal);

        var silent = rows[1].TextContent;
        Assert.Contains(silentOwner.Id, silent, StringComparison.Ordinal);
        Assert.Contains("#9", silent, StringComparison.Ordinal);
        Assert.Contains("silent", silent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=hangfire-link]"));
    }

    [Fact]
    public void In_process_mode_says_runs_train_here_and_reads_no_job_engine()
    {
        var provider = new ServiceCollection().BuildServiceProvider();
        Context.Services.AddSingleton<IWorkerMonitor>(new WorkerMonitor(provider, Options.Create(new DispatchOptions()), TimeProvider.System));

        var page = Context.Render<WorkersPage>();

        Assert.Contains("InProcess", page.Find("[data-testid=workers-off]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=hangfire-link]"));
    }

    private static WorkerRegistry Registry(Hangfire.JobStorage storage, IOptions<DispatchOptions> options, TimeProvider time, out RunOwner owner)
    {
        owner = RunOwner.ForThisProcess(time);
        return new WorkerRegistry(storage, owner, new WorkerDevices(options), options, time, NullLogger<WorkerRegistry>.Instance);
    }
}
