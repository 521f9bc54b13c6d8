using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class ExperimentsPageTests : DashboardTestContext
{
    private readonly FakeExperimentQueries queries = new();

    public ExperimentsPageTests()
    {
        Context.Services.AddSingleton<IExperimentQueries>(queries);
    }

    [Fact]
    public void Experiments_are_listed_newest_first_with_status_and_progress()
    {
        var at = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        queries.Summaries =
        [
            new(1, "older", null, at, ExperimentStatus.Finished, 24, 24, true),
            new(2, "<b>newer</b>", "sweep", at.AddHours(1), ExperimentStatus.Running, 10, 3, true),
        ];

        var page = Context.Render<ExperimentsPage>();

        var rows = page.FindAll("[data-testid=experiments-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("<b>newer</b>", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("3 / 10", rows[0].QuerySelector("[data-testid=runs-completed]")!.TextContent);
        Assert.Equal("Running", rows[0].QuerySelector("[data-testid=experiment-status]")!.TextContent.Trim());
        Assert.Equal("/experiments/2", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("/experiments/new", page.Find("[data-testid=new-experiment]").GetAttribute("href"));
    }

    [Fact]
    public void Without_experiments_it_points_to_the_designer()
    {
        var page = Context.Render<ExperimentsPage>();

        Assert.Equal("/experiments/new", page.Find("[data-testid=experiments-empty] a").GetAttribute("href"));
    }
}
