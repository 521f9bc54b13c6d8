using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

/// <summary>The experiment page says why an experiment waits and when its grid ends, and moves all its runs by priority.</summary>
public sealed class ExperimentQueuePanelTests : DashboardTestContext
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeExperimentQueries queries = new();

    public ExperimentQueuePanelTests()
    {
        Context.Services.AddSingleton<IExperimentService>(new FakeExperimentService());
        Context.Services.AddSingleton<IExperimentQueries>(queries);
    }

    private static readonly ExperimentQueueStatus Waiting = new(
        Position: 2,
        Ahead: [new RunAhead(11, 4, "baseline", RunStatus.Running, 100, 200), new RunAhead(12, 4, "baseline", RunStatus.Queued, 0, null)],
        RunsRunning: 0,
        RunsQueued: 2,
        Rate: new StepRate(0.5, 11, 49),
        Remaining: TimeSpan.FromSeconds(450),
        ExpectedAt: null,
        RunsNotPlanned: 1);

    private ExperimentDetail Detail(ExperimentStatus? status, ExperimentQueueStatus? queue, params ExperimentRunRow[] runs) =>
        new ExperimentDetail(5, "study", null, Created, status, null, ExperimentTemplates.GeneratorQuality(), runs) { Queue = queue, Priority = 1 };

    [Fact]
    public void A_waiting_experiment_shows_its_queue_position_what_runs_ahead_and_the_grids_expected_end()
    {
        queries.Detail = Detail(ExperimentStatus.Running, Waiting, Grid("real", 1_000, 1, RunStatus.Queued), Grid("low", 1_000, 1, RunStatus.Queued));

        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

        Assert.Contains("number 2 in the queue", page.Find("[data-testid=queue-summary]").TextContent, StringComparison.Ordinal);
        var ahead = page.Find("[data-testid=queue-ahead]").TextContent;
        Assert.Contains("baseline", ahead, StringComparison.Ordinal);
        Assert.Contains("run #11 running, step 100 / 200", ahead, StringComparison.Ordinal);
        Assert.Contains("run #12 queued (planned steps not known yet)", ahead, StringComparison.Ordinal);
        var eta = page.Find("[data-testid=grid-eta]").TextContent;
        Assert.Contains("Whole grid done in about 7 min 30 s", eta, StringComparison.Ordinal);
        Assert.Contains("0.5 s per step measured over the last 49 steps of run #11", eta, StringComparison.Ordinal);
        Assert.Contains("At least: 1 run has not planned its steps yet", eta, StringComparison.Ordinal);
    }

    [Fact]
    public void Raising_the_priority_asks_the_queue_to_move_the_whole_experiment()
    {
        queries.Detail = Detail(ExperimentStatus.Running, Waiting, Grid("real", 1_000, 1, RunStatus.Queued));
        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

        page.Find("[data-testid=raise-experiment-priority]").Click();

        Assert.Equal(["experiment priority 5 2"], Queue.Actions);
    }

    [Fact]
    public void An_experiment_without_a_status_whose_runs_are_running_reads_running()
    {
        queries.Detail = Detail(null, Waiting with { Position = null, RunsRunning = 1, RunsQueued = 0 }, Grid("real", 1_000, 1, RunStatus.Running, lastStep: 10));
        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));
        Assert.Equal("Running", page.Find("[data-testid=experiment-status]").TextContent.Trim());

        var table = Context.Render<ExperimentsTable>(p => p.Add(c => c.Experiments, [
            new ExperimentSummary(6, "single runs", null, Created, null, 3, 1, false) { RunsRunning = 1, RunsQueued = 1 },
            new ExperimentSummary(7, "queued runs", null, Created, null, 1, 0, false) { RunsQueued = 1 },
        ]));
        Assert.Equal(["Running", "Queued"], table.FindAll("[data-testid=experiment-status]").Select(c => c.TextContent.Trim()));
    }
}
