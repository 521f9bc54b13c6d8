using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Dispatch;

/// <summary>
/// A page following a run another process trains: a read that fails just after the run's last commit is tried again
/// on its own, because no later commit of that run would make the page read the run's end.
/// </summary>
public sealed class RemoteRunObserverRetryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_failed_read_of_the_runs_last_commit_is_tried_again_until_the_page_sees_the_end()
    {
        await database.MigrateAsync();
        var runId = await AddRunningRunAsync();
        var factory = new FailingContextFactory(database.Factory);
        var changes = new ManualDatabaseChanges();
        var time = new FakeTimeProvider(Start);
        var failures = 0;
        var ended = new TaskCompletionSource<RunUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var observation = RemoteRunObserver.Start(
            factory, changes, runId,
            update =>
            {
                if (update.Snapshot.Status == RunStatus.Completed)
                {
                    ended.TrySetResult(update);
                }
            },
            _ => Interlocked.Increment(ref failures),
            time);
        Assert.NotNull(observation);
        Assert.Single(observation.History);

        // The worker's last commit, announced while the database cannot be read.
        await FinishRunAsync(runId);
        factory.Failing = true;
        changes.Commit();
        await AdvanceUntilAsync(time, () => Volatile.Read(ref failures) >= 3);
        Assert.False(ended.Task.IsCompleted);

        // Nothing else is committed: the next attempt alone reads the end.
        factory.Failing = false;
        await AdvanceUntilAsync(time, () => ended.Task.IsCompleted);
        var last = await ended.Task;
        Assert.Equal(RunStatus.Completed, last.Snapshot.Status);
        Assert.Equal([2], last.NewPoints.Select(p => p.Step));
    }

    // Advances the fake clock a second at a time (retry pauses start 1 s and double) until the condition holds.
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the observer.");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    private async Task<int> AddRunningRunAsync()
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        var experiment = new Experiment { Name = "remote-retry", CreatedAt = Start };
        context.Experiments.Add(experiment);
        await context.SaveChangesAsync();
        var run = new Run
        {
            ExperimentId = experiment.Id, ConfigJson = "{}", CorpusId = "multi30k", Status = RunStatus.Running, MaxSteps = 2, LastStep = 1,
            CreatedAt = Start, StartedAt = Start,
        };
        run.MetricPoints.Add(new MetricPoint { Step = 1, Name = MetricNames.TrainLoss, Value = 5, Timestamp = Start });
        context.Runs.Add(run);
        await context.SaveChangesAsync();
        return run.Id;
    }

    private async Task FinishRunAsync(int runId)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        var run = await context.Runs.SingleAsync(r => r.Id == runId);
        run.Status = RunStatus.Completed;
        run.LastStep = 2;
        context.MetricPoints.Add(new MetricPoint { RunId = runId, Step = 2, Name = MetricNames.TrainLoss, Value = 4, Timestamp = Start.AddSeconds(1) });
        await context.SaveChangesAsync();
    }

    /// <summary>The database as a page's process sees it while its server restarts: every new context fails to open.</summary>
    private sealed class FailingContextFactory(IDbContextFactory<RegurgitateDbContext> inner) : IDbContextFactory<RegurgitateDbContext>
    {
        public volatile bool Failing;

        public RegurgitateDbContext CreateDbContext() =>
            Failing ? throw new InvalidOperationException("The database is unavailable.") : inner.CreateDbContext();
    }
}
