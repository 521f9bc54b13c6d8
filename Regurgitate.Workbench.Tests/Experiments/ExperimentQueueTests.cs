using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// An experiment that waits says why (its place in the queue, what runs before it) and when its whole grid should be
/// done, from the step rate the latest recorded steps show; its priority moves all of its runs, generators included.
/// </summary>
public sealed class ExperimentQueueTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase database = new();
    private readonly FakeTimeProvider clock = new(Start);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Raising_an_experiments_priority_raises_its_queued_generator_and_the_runs_it_queues_later()
    {
        await database.MigrateAsync();
        var store = new RunStore(database.Factory, clock);
        var other = await store.CreateRunAsync("other", new RunConfig(), CancellationToken.None);
        await store.CreateRunAsync("other", new RunConfig(), CancellationToken.None);
        var study = await AddExperimentAsync("study");
        var generator = await store.CreateRunAsync(new RunPlacement(study, RunRole.Generator, "low"), new RunConfig(), CancellationToken.None);
        Assert.Equal(3, (await Queries().GetAsync(study, CancellationToken.None))!.Queue!.Position);

        Assert.Equal(1, await store.SetExperimentPriorityAsync(study, 2, CancellationToken.None));
        var grid = await store.CreateRunAsync(new RunPlacement(study, RunRole.Grid, "real"), new RunConfig(), CancellationToken.None);

        var detail = (await Queries().GetAsync(study, CancellationToken.None))!;
        Assert.Equal(2, detail.Priority);
        Assert.All(detail.Runs, r => Assert.Equal(RunStatus.Queued, r.Status));
        Assert.Equal([generator.Id, grid.Id, other.Id], (await store.ListQueueOrderAsync(null, CancellationToken.None)).Take(3));
        Assert.Equal(1, detail.Queue!.Position);
        Assert.Empty(detail.Queue.Ahead);
    }

    [Fact]
    public async Task A_waiting_experiment_knows_its_place_what_runs_ahead_and_when_its_grid_ends_at_the_current_step_rate()
    {
        await database.MigrateAsync();
        var ahead = await AddExperimentAsync("ahead");
        var running = await AddRunAsync(ahead, RunStatus.Running, lastStep: 100, plannedSteps: 200);
        var queuedAhead = await AddRunAsync(ahead, RunStatus.Queued, lastStep: 0, plannedSteps: 200);
        var study = await AddExperimentAsync("study");
        await AddRunAsync(study, RunStatus.Completed, lastStep: 300, plannedSteps: 300);
        await AddRunAsync(study, RunStatus.Queued, lastStep: 0, plannedSteps: null);
        await AddRunAsync(study, RunStatus.Queued, lastStep: 0, plannedSteps: null);

        // 0.5 s per step, but a two-hour stop between steps 60 and 61 (the run was interrupted and resumed): an
        // average over the whole run would be 73 s per step.
        await AddLossesAsync(running, Enumerable.Range(1, 100).Select(step => (step, Start.AddSeconds(step * 0.5) + (step > 60 ? TimeSpan.FromHours(2) : TimeSpan.Zero))));

        var queue = (await Queries().GetAsync(study, CancellationToken.None))!.Queue!;

        Assert.Equal(2, queue.Position);
        Assert.Equal([(running, RunStatus.Running), (queuedAhead, RunStatus.Queued)], queue.Ahead.Select(r => (r.RunId, r.Status)));
        Assert.Equal(0.5, queue.Rate!.SecondsPerStep, 6);
        Assert.Equal(running, queue.Rate.RunId);

        // 100 steps left of the running run, 200 of the one queued ahead, 300 each for the study's two (planned like their completed sibling).
        Assert.Equal(TimeSpan.FromSeconds((100 + 200 + 300 + 300) * 0.5), queue.Remaining);
        Assert.Equal(Start + TimeSpan.FromSeconds(450), queue.ExpectedAt);
        Assert.Equal(0, queue.RunsNotPlanned);
        Assert.Equal((0, 2), (queue.RunsRunning, queue.RunsQueued));
    }

    [Fact]
    public async Task A_finished_experiment_has_no_queue_status()
    {
        await database.MigrateAsync();
        var study = await AddExperimentAsync("study");
        await AddRunAsync(study, RunStatus.Completed, lastStep: 300, plannedSteps: 300);

        Assert.Null((await Queries().GetAsync(study, CancellationToken.None))!.Queue);
    }

    private ExperimentQueries Queries() => new(database.Factory, null, Options.Create(new RunsOptions { MaxConcurrentRuns = 1 }), clock);

    private async Task<int> AddExperimentAsync(string name)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        var experiment = context.Experiments.Add(new Experiment { Name = name, CreatedAt = Start }).Entity;
        await context.SaveChangesAsync();
        return experiment.Id;
    }

    private async Task<int> AddRunAsync(int experimentId, RunStatus status, int lastStep, int? plannedSteps)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        var run = context.Runs.Add(new Run
        {
            ExperimentId = experimentId, ConfigJson = "{}", CorpusId = "multi30k", Role = RunRole.Grid, Condition = "real", TrainSize = 1_000,
            Status = status, LastStep = lastStep, MaxSteps = plannedSteps ?? 100_000, TrainingPairs = plannedSteps is null ? null : 996, CreatedAt = Start,
        }).Entity;
        await context.SaveChangesAsync();
        return run.Id;
    }

    private async Task AddLossesAsync(int runId, IEnumerable<(int Step, DateTimeOffset At)> points)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        context.MetricPoints.AddRange(points.Select(p => new MetricPoint { RunId = runId, Step = p.Step, Name = MetricNames.TrainLoss, Value = 1, Timestamp = p.At }));
        await context.SaveChangesAsync();
    }
}
