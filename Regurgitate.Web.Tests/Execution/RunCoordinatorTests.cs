using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Execution;

public sealed class RunCoordinatorTests
{
    private static readonly RunConfig SmallRun = new RunConfig() with
    {
        Model = ModelConfig.Tiny,
        TrainSize = 500,
        Training = new TrainingConfig { MaxSteps = 40, EvaluateEvery = 20 },
    };

    [Fact]
    public async Task A_completed_run_is_persisted_with_its_curves_samples_and_test_scores()
    {
        var runner = new ScriptedRunExecutor();
        await using var harness = await CoordinatorHarness.StartAsync(runner);

        var runId = await harness.Coordinator.StartAsync("baseline", SmallRun, CancellationToken.None);
        var run = await harness.WaitForFinishAsync(runId);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(40, run.LastStep);
        Assert.Equal("cpu (test double)", run.Device);
        Assert.Equal(12.3, run.TestBleu);
        Assert.Equal(ScriptedRunExecutor.BleuSignature, run.TestBleuSignature);
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.FinishedAt);

        var queries = new RunQueries(harness.Database.Factory);
        var points = await queries.GetMetricsAsync(runId, CancellationToken.None);
        Assert.Equal(40, points.Count(p => p.Name == MetricNames.TrainLoss));
        Assert.Equal([20, 40], points.Where(p => p.Name == MetricNames.DevBleu).Select(p => p.Step));
        Assert.Single(points, p => p.Name == MetricNames.TestBleu);

        var details = await queries.GetRunAsync(runId, CancellationToken.None);
        Assert.Equal("Two men are playing soccer.", Assert.Single(details!.StoredSnapshot.Samples).Hypothesis);

        var (config, runDirectory) = Assert.Single(runner.Calls);
        Assert.Equal(SmallRun, config);
        Assert.Equal(Path.Combine(harness.Database.Folder, "runs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture)), runDirectory);
    }

    [Fact]
    public async Task Observers_get_the_history_so_far_and_then_every_later_point_exactly_once()
    {
        var runner = new ScriptedRunExecutor(TimeSpan.FromMilliseconds(5));
        await using var harness = await CoordinatorHarness.StartAsync(runner);

        var runId = await harness.Coordinator.StartAsync("observed", SmallRun, CancellationToken.None);
        await runner.FirstStepDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var live = new List<MetricSample>();
        var finished = new TaskCompletionSource<RunSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var observation = harness.Coordinator.Observe(runId, update =>
        {
            lock (live)
            {
                live.AddRange(update.NewPoints);
            }

            if (update.Snapshot.IsFinished)
            {
                finished.TrySetResult(update.Snapshot);
            }
        });

        Assert.NotNull(observation);
        var final = await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RunStatus.Completed, final.Status);

        var losses = observation.History.Concat(live).Where(p => p.Name == MetricNames.TrainLoss).Select(p => p.Step).ToList();
        Assert.Equal(Enumerable.Range(1, 40), losses);
    }

    [Fact]
    public async Task Cancelling_a_running_run_records_it_as_cancelled_with_the_steps_so_far()
    {
        var runner = new ScriptedRunExecutor(TimeSpan.FromMilliseconds(20));
        await using var harness = await CoordinatorHarness.StartAsync(runner);

        var runId = await harness.Coordinator.StartAsync("cancelled", SmallRun with { Training = SmallRun.Training with { MaxSteps = 10_000 } }, CancellationToken.None);
        await runner.FirstStepDone.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(harness.Coordinator.Cancel(runId));
        var run = await harness.WaitForFinishAsync(runId);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.InRange(run.LastStep, 1, 9_999);
        Assert.False(harness.Coordinator.Cancel(runId));
    }

    [Fact]
    public async Task A_run_started_while_another_runs_waits_in_the_queue_and_runs_afterwards()
    {
        var runner = new ScriptedRunExecutor(TimeSpan.FromMilliseconds(10));
        await using var harness = await CoordinatorHarness.StartAsync(runner, maxConcurrentRuns: 1);

        var first = await harness.Coordinator.StartAsync("queue", SmallRun, CancellationToken.None);
        await runner.FirstStepDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await harness.Coordinator.StartAsync("queue", SmallRun, CancellationToken.None);

        using var waiting = harness.Coordinator.Observe(second, _ => { });
        Assert.Equal(RunStatus.Queued, waiting!.Snapshot.Status);
        Assert.StartsWith("Queued", waiting.Snapshot.PhaseMessage, StringComparison.Ordinal);

        var firstRun = await harness.WaitForFinishAsync(first);
        var secondRun = await harness.WaitForFinishAsync(second);
        Assert.Equal(RunStatus.Completed, secondRun.Status);
        Assert.True(secondRun.StartedAt >= firstRun.FinishedAt);

        await using var context = await harness.Database.Factory.CreateDbContextAsync();
        Assert.Equal(1, await context.Experiments.CountAsync());
    }

    [Fact]
    public async Task Without_an_engine_a_run_fails_with_a_message_that_says_why()
    {
        await using var harness = await CoordinatorHarness.StartAsync(runner: null);

        var runId = await harness.Coordinator.StartAsync("no-engine", SmallRun, CancellationToken.None);
        var run = await harness.WaitForFinishAsync(runId);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("AddRegurgitateEngine", run.Message, StringComparison.Ordinal);
    }
}
