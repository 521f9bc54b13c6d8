using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Strategies;

namespace Regurgitate.Web.Features.Strategies;

/// <summary>An experiment's strategies against real data and the baseline; the baseline is kept in the URL.</summary>
public partial class StrategiesPage
{
    private ExperimentDetail? detail;
    private StrategyComparison? comparison;
    private IReadOnlyList<StrategyInsight> insights = [];
    private bool loading = true;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "baseline")]
    public string? Baseline { get; set; }

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
        loading = detail is null || detail.Id != Id;
        detail = await Experiments.GetAsync(Id, CancellationToken.None);
        comparison = detail is null ? null : await Strategies.CompareAsync(Id, Baseline, CancellationToken.None);
        insights = detail is null ? [] : await Insights.GetAsync(Id, CancellationToken.None);
        loading = false;
    }

    private Task SetBaselineAsync(string baseline)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("baseline", baseline));
        return Task.CompletedTask;
    }
}
