using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Dispatch;

/// <summary>
/// Workers mode in one test process on the PostgreSQL test server, with Hangfire's real storage: the dashboard
/// enqueues each queued run once, queues by priority, a worker host trains what it is handed, and a job handed out
/// again for a finished run or a run another process holds does nothing.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class RunDispatchTests : IDisposable
{
    private readonly ToyWorkbenchHost toy = new(postgreSql: true);

    public void Dispose() => toy.Dispose();

    [Fact]
    public async Task Each_queued_run_gets_one_job_a_worker_trains_it_and_a_repeated_job_does_nothing()
    {
        using var dashboard = toy.Build(toy.WorkersSettings());
        await dashboard.StartAsync();
        var launcher = dashboard.Services.GetRequiredService<IRunLauncher>();
        Assert.IsType<RunDispatcher>(launcher);
        var runId = await launcher.StartAsync("dispatch", Toy(), CancellationToken.None);

        // The first sweep creates the job (under CI load it once took over the second this test waited); several sweeps
        // later the run still has exactly one job waiting, and the dashboard trained nothing.
        var monitoring = dashboard.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var waited = 0; monitoring.EnqueuedCount(RunQueues.Normal) == 0 && waited < 300; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, monitoring.EnqueuedCount(RunQueues.Normal));
        Assert.Equal(RunStatus.Queued, await StatusAsync(dashboard, runId));

        using var worker = toy.Build(toy.WorkersSettings(), role: WorkbenchRole.Worker);
        await worker.StartAsync();
        Assert.Equal(RunStatus.Completed, await launcher.WhenFinishedAsync(runId, new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token));
        var steps = await StepsAsync(dashboard, runId);
        Assert.Equal(Enumerable.Range(1, steps.Count), steps);

        // The worker's slot ("cpu") chose the device outside the configuration: the folder keeps the stored "auto", so a
        // run started on one slot resumes on another (cuda:0, then cuda:1) instead of being refused as another configuration.
        var folderConfig = JsonSerializer.Deserialize<RunConfig>(
            await File.ReadAllTextAsync(Path.Combine(toy.Root, "shared", "runs", runId.ToString(CultureInfo.InvariantCulture), "config.json")), RunStore.JsonOptions)!;
        Assert.Equal(Toy().Training.Device, folderConfig.Training.Device);

        // A job for a finished run (Hangfire handing out a dead worker's job again, or a dashboard restart's sweep).
        await worker.Services.GetRequiredService<RunJob>().ExecuteAsync(runId, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, await StatusAsync(dashboard, runId));
        Assert.Equal(steps, await StepsAsync(dashboard, runId));

        await worker.StopAsync();
        await dashboard.StopAsync();
    }

    [Fact]
    public async Task A_waiting_run_moved_to_another_priority_band_moves_its_job()
    {
        using var dashboard = toy.Build(toy.WorkersSettings());
        await dashboard.StartAsync();
        var runId = await dashboard.Services.GetRequiredService<IRunLauncher>().StartAsync("moved", Toy(), CancellationToken.None);
        var monitoring = dashboard.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await WaitUntilAsync(() => monitoring.EnqueuedCount(RunQueues.Normal) == 1);

        await dashboard.Services.GetRequiredService<IRunQueue>().SetPriorityAsync(runId, 3, CancellationToken.None);

        await WaitUntilAsync(() => monitoring.EnqueuedCount(RunQueues.High) == 1);
        var waiting = monitoring.EnqueuedJobs(RunQueues.High, 0, 10).Single().Value;
        Assert.Equal([runId], waiting.Job.Args.Take(1).Cast<int>());
        Assert.Equal(1, monitoring.DeletedListCount());
        await dashboard.StopAsync();
    }

    [Fact]
    public async Task A_run_training_on_a_worker_is_cancelled_through_the_database()
    {
        using var dashboard = toy.Build(toy.WorkersSettings());
        await dashboard.StartAsync();
        using var worker = toy.Build(toy.WorkersSettings(), role: WorkbenchRole.Worker);
        await worker.StartAsync();
        var launcher = dashboard.Services.GetRequiredService<IRunLauncher>();
        // Enough epochs that the run cannot finish before the cancel arrives, however loaded the machine (one epoch did, in CI).
        var runId = await launcher.StartAsync("cancelled", Toy() with { Training = ToyWorkbenchHost.Quick with { Epochs = 10_000, MaxSteps = 100_000, EvaluateEvery = 50, Threads = 1 } }, CancellationToken.None);
        await WaitUntilAsync(async () => (await StepsAsync(dashboard, runId)).Count > 0, TimeSpan.FromMinutes(1));

        var result = await dashboard.Services.GetRequiredService<IRunQueue>().CancelAsync(runId, CancellationToken.None);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RunStatus.Cancelled, await launcher.WhenFinishedAsync(runId, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));
        await worker.StopAsync();
        await dashboard.StopAsync();
    }

    [Fact]
    public async Task A_job_for_a_run_under_another_processes_live_lease_leaves_it_alone()
    {
        using var worker = toy.Build(toy.WorkersSettings(), role: WorkbenchRole.Worker);
        await worker.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var store = worker.Services.GetRequiredService<RunStore>();
        var run = await store.CreateRunAsync("held", Toy(), CancellationToken.None);
        var other = new RunOwner("pid 1 on another-host since 2026-01-01T00:00:00.000Z (test)");
        var otherLeases = new RunLeases(worker.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>(), worker.Services.GetRequiredService<IOptions<RunsOptions>>(), other, TimeProvider.System);
        Assert.True(await otherLeases.TryClaimAsync(run.Id, CancellationToken.None));

        await worker.Services.GetRequiredService<RunJob>().ExecuteAsync(run.Id, CancellationToken.None);

        await using var context = await worker.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
        var row = await context.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        Assert.Equal((RunStatus.Running, other.Id, 0), (row.Status, row.OwnerId!, row.LastStep));
    }

    [Fact]
    public async Task Hangfire_postgresql_hands_out_higher_priority_queues_first_whatever_the_enqueue_order()
    {
        using var dashboard = toy.Build(toy.WorkersSettings());
        await dashboard.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var jobs = dashboard.Services.GetRequiredService<IBackgroundJobClient>();
        var low = jobs.Create<RunJob>(j => j.ExecuteAsync(1, CancellationToken.None), new Hangfire.States.EnqueuedState(RunQueues.For(-5)));
        var normal = jobs.Create<RunJob>(j => j.ExecuteAsync(2, CancellationToken.None), new Hangfire.States.EnqueuedState(RunQueues.For(0)));
        var high = jobs.Create<RunJob>(j => j.ExecuteAsync(3, CancellationToken.None), new Hangfire.States.EnqueuedState(RunQueues.For(2)));

        using var connection = dashboard.Services.GetRequiredService<JobStorage>().GetConnection();
        var fetched = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var job = connection.FetchNextJob([.. RunQueues.All], CancellationToken.None);
            fetched.Add(job.JobId);
            job.RemoveFromQueue();
        }

        Assert.Equal([high, normal, low], fetched);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(10));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }

    private static RunConfig Toy() => new()
    {
        CorpusId = "multi30k",
        TrainSize = 200,
        DevSize = 8,
        TestSize = 8,
        Model = ToyWorkbenchHost.Toy,
        Training = ToyWorkbenchHost.Quick with { MaxSteps = 12, EvaluateEvery = 6, Threads = 1 },
    };

    private static async Task<RunStatus> StatusAsync(IHost host, int runId) =>
        await host.Services.GetRequiredService<RunStore>().GetStatusAsync(runId, CancellationToken.None) ?? throw new InvalidOperationException(runId.ToString(CultureInfo.InvariantCulture));

    private static async Task<List<int>> StepsAsync(IHost host, int runId)
    {
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
        return await context.MetricPoints.Where(p => p.RunId == runId && p.Name == MetricNames.TrainLoss).OrderBy(p => p.Step).Select(p => p.Step).ToListAsync();
    }
}
