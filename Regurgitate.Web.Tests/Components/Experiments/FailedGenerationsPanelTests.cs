using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class FailedGenerationsPanelTests : DashboardTestContext
{
    private readonly FakeExperimentQueries queries = new();

    public FailedGenerationsPanelTests()
    {
        Context.Services.AddSingleton<IExperimentService>(new FakeExperimentService());
        Context.Services.AddSingleton<IExperimentQueries>(queries);
    }

    private static ExperimentDetail Detail(ExperimentSpec spec, IReadOnlyList<FailedGenerationRow> failures) =>
        new(5, "flaky", null, DateTimeOffset.UnixEpoch, ExperimentStatus.Finished, null, spec, [Grid("real", 1_000, 1, RunStatus.Completed, 20), Grid("low", 1_000, 1, RunStatus.Completed, 12)])
        {
            FailedGenerations = failures,
        };

    [Fact]
    public void The_experiment_page_shows_failures_per_condition_and_generator_with_the_policy()
    {
        queries.Detail = Detail(
            ExperimentTemplates.GeneratorQuality() with { Failures = FailurePolicy.KeepAsEmpty, DataSeed = 4 },
            [new FailedGenerationRow("low", "low", 37, 21, 3), new FailedGenerationRow("real", "low", 37, 0, 3)]);

        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

        var rows = page.FindAll("[data-testid=failed-generation-row]");
        Assert.Equal(
            [["low", "low", "37", "21", "3"], ["real", "low", "37", "0", "3"]],
            rows.Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()));
        Assert.Contains("keep-as-empty", page.Find("[data-testid=failed-generations-policy]").TextContent, StringComparison.Ordinal);
        Assert.Contains("data seed fixed at 4", page.Find("[data-testid=fixed-seed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_failures_there_is_no_panel()
    {
        queries.Detail = Detail(ExperimentTemplates.GeneratorQuality(), []);

        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

        Assert.Empty(page.FindAll("[data-testid=failed-generations]"));
        Assert.Empty(page.FindAll("[data-testid=fixed-seed]"));
    }
}
