using Microsoft.AspNetCore.Components;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Mitigation;

namespace Regurgitate.Web.Features.Mitigation;

/// <summary>
/// An experiment's strategies against real data and the baseline, and its seed plan; the baseline and the difference
/// the plan resolves are kept in the URL. Changing only the difference replans without comparing the strategies again.
/// </summary>
public partial class StrategiesPage
{
    private ExperimentDetail? detail;
    private StrategyComparison? comparison;
    private IReadOnlyList<StrategyInsight> insights = [];
    private ExperimentSeedPlan seedPlan = SeedPlanning.From([], SeedPlanning.DefaultDifference);
    private (int Id, string? Baseline)? loadedFor;
    private bool loading = true;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "baseline")]
    public string? Baseline { get; set; }

    [SupplyParameterFromQuery(Name = SeedPlanningPanel.QueryName)]
    public string? Resolve { get; set; }

    [Inject]
    private IExperimentQueries Experiments { get; set; } = default!;

    [Inject]
    private IStrategyComparisonService Strategies { get; set; } = default!;

    [Inject]
    private StrategyInsightsService Insights { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor != (Id, Baseline))
        {
            loading = detail is null || detail.Id != Id;
            detail = await Experiments.GetAsync(Id, CancellationToken.None);
            comparison = detail is null ? null : await Strategies.CompareAsync(Id, Baseline, CancellationToken.None);
            insights = detail is null ? [] : await Insights.GetAsync(Id, CancellationToken.None);
            loadedFor = (Id, Baseline);
            loading = false;
        }

        seedPlan = SeedPlanning.From(detail?.Runs ?? [], SeedPlanningPanel.ParseDifference(Resolve));
    }

    private void SetDifference(double difference) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(SeedPlanningPanel.QueryName, SeedPlanningPanel.QueryValue(difference)), replace: true);

    private Task SetBaselineAsync(string baseline)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("baseline", baseline));
        return Task.CompletedTask;
    }
}
