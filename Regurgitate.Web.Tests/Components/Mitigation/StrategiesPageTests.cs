using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Mitigation;
using Regurgitate.Web.Tests.Components.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Mitigation;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Mitigation;

public sealed class StrategiesPageTests : DashboardTestContext, IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FakeExperimentQueries queries = new();
    private readonly CountingComparisons comparisons = new();

    public StrategiesPageTests()
    {
        // No experiment is stored, so the insights service finds no spec and reports none.
        database.MigrateAsync().GetAwaiter().GetResult();
        Context.Services.AddSingleton<IExperimentQueries>(queries);
        Context.Services.AddSingleton<IStrategyComparisonService>(comparisons);
        Context.Services.AddSingleton(new StrategyInsightsService(
            database.Factory,
            TestArtifactFolders.Create(database.Factory, database.Folder)));
        queries.Detail = new ExperimentDetail(
            5, "(e) mitigation", null, DateTimeOffset.UnixEpoch, ExperimentStatus.Finished, null, ExperimentTemplates.MitigationStrategies(),
            [.. SeedPlanningPanelTests.ThreeSeeds().Where(r => r.TrainSize == 1_000)]);
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public void The_seed_plan_shows_under_the_strategies_and_a_new_difference_replans_without_comparing_again()
    {
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/experiments/5/strategies?resolve=0.4");

        var page = Context.Render<StrategiesPage>(p => p.Add(c => c.Id, 5));

        page.WaitForAssertion(() => Assert.Equal("10 seeds (7 more)", page.Find("[data-testid=seed-plan-needed]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal(1, comparisons.Calls);

        page.Find("#seed-plan-difference").Input("0.8");

        page.WaitForAssertion(() => Assert.Contains("Seeds for 0.8 BLEU", page.Find("[data-testid=seed-plan-table] thead").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.EndsWith("?resolve=0.8", navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(1, comparisons.Calls);
    }

    private sealed class CountingComparisons : IStrategyComparisonService
    {
        public int Calls { get; private set; }

        public Task<StrategyComparison?> CompareAsync(int experimentId, string? baselineCondition, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<StrategyComparison?>(null);
        }
    }
}
