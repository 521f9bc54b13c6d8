using Bunit;
using Regurgitate.Web.Components.Layout;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Features.RunView;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Components.Compare;

public sealed class CompareEntryPointTests : DashboardTestContext
{
    [Fact]
    public void A_completed_run_offers_to_compare_it_with_others()
    {
        var header = RenderHeader(RunStatus.Completed);

        Assert.Equal("/compare?baseline=7", header.Find("[data-testid=compare-run]").GetAttribute("href"));
    }

    [Fact]
    public void A_running_run_has_nothing_to_compare_yet()
    {
        var header = RenderHeader(RunStatus.Running);

        Assert.Empty(header.FindAll("[data-testid=compare-run]"));
    }

    [Fact]
    public void The_navigation_names_the_two_comparisons_by_what_they_show()
    {
        var menu = Context.Render<NavMenu>();

        Assert.Contains(menu.FindAll("a"), a => a.GetAttribute("href") == "/compare" && a.TextContent.Trim() == "Significance tests");
        Assert.Contains(menu.FindAll("a"), a => a.GetAttribute("href") == "/compare/charts" && a.TextContent.Trim() == "Training curves");
    }

    private IRenderedComponent<RunHeader> RenderHeader(RunStatus status)
    {
        var snapshot = RunStore.ToSnapshot(new Run { Id = 7, ConfigJson = "{}", CorpusId = "multi30k", Status = status });
        var details = new RunDetails(7, "regurgitation", "{}", "multi30k", DateTimeOffset.UnixEpoch, snapshot);
        return Context.Render<RunHeader>(p => p.Add(c => c.Details, details).Add(c => c.Snapshot, snapshot));
    }
}
