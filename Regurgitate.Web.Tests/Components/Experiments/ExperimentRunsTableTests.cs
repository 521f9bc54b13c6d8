using Bunit;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class ExperimentRunsTableTests : DashboardTestContext
{
    [Fact]
    public void Runs_are_listed_in_grid_order_with_status_progress_scores_and_links()
    {
        var done = Grid("real", 1_000, 1, RunStatus.Completed, 21.34, parameters: 2_103_552);
        var running = Grid("GPT-4", 1_000, 1, RunStatus.Running, lastStep: 40, parameters: 2_099_456) with { TrainingPairs = 996 };
        var failed = Grid("GPT-4", 500, 2, RunStatus.Failed);

        var table = Context.Render<ExperimentRunsTable>(p => p
            .Add(c => c.Runs, [running, failed, done])
            .Add(c => c.ConditionOrder, ["real", "GPT-4"]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("GPT-4", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("500", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Failed", "Completed", "Running"], rows.Select(r => r.QuerySelector("[data-testid=run-status]")!.TextContent.Trim()));
        Assert.Contains("21.3", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("41.3", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("40 / 100 · training", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/runs/{done.RunId}", rows[1].QuerySelector("a")!.GetAttribute("href"));

        // The trainable parameters each run reported, exactly; "–" before the run has built its model.
        Assert.Contains("Parameters", table.FindAll("th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["–", "2,103,552", "2,099,456"], rows.Select(r => r.QuerySelector("[data-testid=run-parameters]")!.TextContent.Trim()));
    }

    [Fact]
    public void Without_runs_it_says_so()
    {
        var table = Context.Render<ExperimentRunsTable>(p => p.Add(c => c.Runs, []).Add(c => c.TestId, "grid-runs").Add(c => c.EmptyText, "Nothing yet."));

        Assert.Equal("Nothing yet.", table.Find("[data-testid=grid-runs-empty]").TextContent);
    }
}
