using Bunit;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Features.RunView;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Components;

/// <summary>
/// A run's steps read as its plan, never as the configuration's cap: a queued run that has not planned its training
/// yet says so (it used to read "0 / 100000"), a planned one shows the steps its budget gives.
/// </summary>
public sealed class HonestProgressTests : DashboardTestContext
{
    private const int Cap = 100_000;

    [Fact]
    public async Task A_queued_run_that_has_not_planned_its_steps_says_so_instead_of_showing_the_cap()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        await AddRunAsync(database, new Run { ConfigJson = "{}", CorpusId = "multi30k", MaxSteps = Cap, Status = RunStatus.Queued });

        var table = Context.Render<RunsTable>(p => p.Add(c => c.Runs, ListAsync(database)));

        var steps = table.Find("[data-testid=run-steps]").TextContent.Trim();
        Assert.Equal(StepProgress.NotKnownYet, steps);
        Assert.DoesNotContain("100", steps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_planned_its_training_shows_the_planned_steps()
    {
        using var database = new TempDatabase();
        await database.MigrateAsync();
        await AddRunAsync(database, new Run
        {
            ConfigJson = "{}", CorpusId = "multi30k", MaxSteps = 240, LastStep = 12, TrainingPairs = 996, TargetTokens = 41_234, Status = RunStatus.Running,
        });

        var table = Context.Render<RunsTable>(p => p.Add(c => c.Runs, ListAsync(database)));

        Assert.Equal("12 / 240", table.Find("[data-testid=run-steps]").TextContent.Trim());
    }

    [Fact]
    public void The_run_page_shows_the_planned_steps_as_soon_as_the_run_plans_them()
    {
        var queued = RunStore.ToSnapshot(new Run { Id = 3, ConfigJson = "{}", CorpusId = "multi30k", MaxSteps = Cap, Status = RunStatus.Queued });
        var progress = Context.Render<RunProgress>(p => p.Add(c => c.Snapshot, queued));
        Assert.Contains(StepProgress.NotKnownYet, progress.Find("[data-testid=run-step]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("100", progress.Find("[data-testid=run-step]").TextContent, StringComparison.Ordinal);

        var planned = RunEventRecorder.Apply(queued with { Status = RunStatus.Running }, new TrainingPlanned(240, 41_234, 45_000, 996, 4), []);
        progress.Render(p => p.Add(c => c.Snapshot, planned));

        Assert.Equal("Step 0 / 240", progress.Find("[data-testid=run-step]").TextContent.Trim());
    }

    [Fact]
    public void The_experiment_page_lists_a_queued_grid_run_without_a_plan_as_not_known_yet()
    {
        var queued = new Workbench.Experiments.ExperimentRunRow(
            4, RunRole.Grid, "real", 1_000, 1, 1.0, RunStatus.Queued, 0, Cap, null, null, null, null, null, null, null);

        var table = Context.Render<Regurgitate.Web.Features.Experiments.ExperimentRunsTable>(p => p.Add(c => c.Runs, [queued]));

        Assert.Equal(StepProgress.NotKnownYet, table.Find("[data-testid=run-steps]").TextContent.Trim());
    }

    private static IReadOnlyList<RunSummary> ListAsync(TempDatabase database) =>
        new RunQueries(database.Factory).ListRunsAsync(CancellationToken.None).GetAwaiter().GetResult();

    private static async Task AddRunAsync(TempDatabase database, Run run)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        context.Experiments.Add(new Experiment { Name = "toy", CreatedAt = DateTimeOffset.UnixEpoch, Runs = [run] });
        await context.SaveChangesAsync();
    }
}
