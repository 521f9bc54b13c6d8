using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Persistence;

public sealed class PersistenceTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Start_up_applies_every_migration_to_a_fresh_file_and_switches_it_to_WAL()
    {
        var initializer = TestArtifactFolders.Initializer(database.Factory, database.Folder, new RunsOptions());

        await initializer.StartAsync(CancellationToken.None);

        await using var context = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Contains("20261125222135_Initial", await context.Database.GetAppliedMigrationsAsync());
        var journalMode = await context.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();
        Assert.Equal("wal", journalMode);
        Assert.Equal(0, await context.Runs.CountAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Start_up_queues_runs_left_running_or_queued_again_or_marks_them_interrupted_and_leaves_finished_runs_alone(bool resume)
    {
        await database.MigrateAsync();
        var store = new RunStore(database.Factory, TimeProvider.System);
        var running = await store.CreateRunAsync("crash", new RunConfig(), CancellationToken.None);
        var queued = await store.CreateRunAsync("crash", new RunConfig(), CancellationToken.None);
        var completed = await store.CreateRunAsync("crash", new RunConfig(), CancellationToken.None);
        await store.SaveProgressAsync(RunStore.ToSnapshot(running) with { Status = RunStatus.Running, Step = 17 }, [], CancellationToken.None);
        await store.SaveProgressAsync(RunStore.ToSnapshot(completed) with { Status = RunStatus.Completed, Message = "done" }, [], CancellationToken.None);

        var initializer = TestArtifactFolders.Initializer(database.Factory, database.Folder, new RunsOptions { ResumeInterrupted = resume });
        await initializer.StartAsync(CancellationToken.None);

        await using var context = await database.Factory.CreateDbContextAsync();
        var runs = await context.Runs.AsNoTracking().ToDictionaryAsync(r => r.Id);
        var expected = resume ? RunStatus.Queued : RunStatus.Interrupted;
        Assert.Equal(expected, runs[running.Id].Status);
        Assert.Equal(resume ? DatabaseInitializer.ResumingMessage : DatabaseInitializer.InterruptedMessage, runs[running.Id].Message);
        Assert.Equal(17, runs[running.Id].LastStep);
        Assert.Equal(!resume, runs[running.Id].FinishedAt is not null);
        Assert.Equal(expected, runs[queued.Id].Status);
        Assert.Equal(RunStatus.Completed, runs[completed.Id].Status);
        Assert.Equal("done", runs[completed.Id].Message);
    }

    [Fact]
    public async Task Metric_points_and_the_run_summary_round_trip()
    {
        await database.MigrateAsync();
        var store = new RunStore(database.Factory, TimeProvider.System);
        var config = new RunConfig() with { CorpusId = "tatoeba", Seed = 7 };
        var run = await store.CreateRunAsync("round-trip", config, CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        MetricSample[] points =
        [
            new(1, MetricNames.TrainLoss, 9.5, at),
            new(2, MetricNames.TrainLoss, 8.25, at.AddSeconds(1)),
            new(2, MetricNames.DevBleu, 3.5, at.AddSeconds(2)),
            new(4, MetricNames.DevBleu, 2.5, at.AddSeconds(3)),
        ];
        await store.SaveProgressAsync(RunStore.ToSnapshot(run) with { Status = RunStatus.Completed, Step = 4, TestBleu = 4.25 }, points, CancellationToken.None);

        var queries = new RunQueries(database.Factory);
        var stored = await queries.GetMetricsAsync(run.Id, CancellationToken.None);
        Assert.Equal(points.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Step), stored);

        var summary = Assert.Single(await queries.ListRunsAsync(CancellationToken.None));
        // The run never planned its training, so it has no planned steps (the configuration's cap is not a plan).
        Assert.Equal(new RunSummary(run.Id, "round-trip", "tatoeba", RunStatus.Completed, 4, null, 8.25, 3.5, 4.25, summary.CreatedAt), summary);
        Assert.InRange((summary.CreatedAt - run.CreatedAt).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

        var details = await queries.GetRunAsync(run.Id, CancellationToken.None);
        Assert.Equal(config, System.Text.Json.JsonSerializer.Deserialize<RunConfig>(details!.ConfigJson, RunStore.JsonOptions));
    }
}
