using Bunit;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Components;

public sealed class RunsTableTests : DashboardTestContext
{
    [Fact]
    public void While_loading_it_says_so()
    {
        var table = Context.Render<RunsTable>(p => p.Add(c => c.Runs, null));

        Assert.NotNull(table.Find("[data-testid=runs-loading]"));
        Assert.Empty(table.FindAll("[data-testid=runs-table]"));
    }

    [Fact]
    public void Without_runs_it_invites_to_start_one()
    {
        var table = Context.Render<RunsTable>(p => p.Add(c => c.Runs, []));

        var empty = table.Find("[data-testid=runs-empty]");
        Assert.Contains("No runs yet", empty.TextContent, StringComparison.Ordinal);
        Assert.Equal("/runs/new", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Runs_are_listed_with_their_scores()
    {
        var created = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        RunSummary[] runs =
        [
            new(7, "multi30k-small", "multi30k", RunStatus.Completed, 1000, 1000, 2.3456, 31.26, 30.04, created),
            new(6, "<script>alert(1)</script>", "tatoeba", RunStatus.Running, 10, 1000, null, null, null, created),
        ];

        var table = Context.Render<RunsTable>(p => p.Add(c => c.Runs, runs));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        var first = rows[0].TextContent;
        Assert.Contains("#7", first, StringComparison.Ordinal);
        Assert.Contains("multi30k-small", first, StringComparison.Ordinal);
        Assert.Contains("Completed", first, StringComparison.Ordinal);
        Assert.Contains("1,000 / 1,000", first, StringComparison.Ordinal);
        Assert.Contains("2.346", first, StringComparison.Ordinal);
        Assert.Contains("31.26", first, StringComparison.Ordinal);
        Assert.Contains("30.04", first, StringComparison.Ordinal);
        Assert.Equal("/runs/7", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(table.FindAll("tbody script"));
        Assert.Contains("&lt;script&gt;", table.Markup, StringComparison.Ordinal);
    }
}
