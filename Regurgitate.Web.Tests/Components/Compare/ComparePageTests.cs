using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Compare;

public sealed class ComparePageTests : DashboardTestContext
{
    private readonly FakeComparisonService service = new()
    {
        Candidates =
        [
            new(new ComparedRun(5, "regurgitation", RunRole.Grid, "wmt22/GPT-4", 29_000, 1), 28.1, true),
            new(new ComparedRun(4, "regurgitation", RunRole.Grid, "wmt22/GPT-4", 10_000, 1), 25.0, true),
            new(new ComparedRun(3, "regurgitation", RunRole.Grid, "real", 29_000, 1), 34.6, true),
            new(new ComparedRun(2, "multi30k-small", RunRole.Single, null, 29_000, 1), 18.8, false),
        ],
    };

    private NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<ComparePage> RenderAt(string uri)
    {
        Context.Services.AddSingleton<IRunComparisonService>(service);
        Navigation.NavigateTo(uri);
        return Context.Render<ComparePage>();
    }

    [Fact]
    public void Without_a_baseline_it_asks_for_one_and_compares_nothing()
    {
        var page = RenderAt("/compare");

        Assert.Contains("Choose a baseline", page.Find("[data-testid=compare-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public void With_a_baseline_only_it_asks_for_runs()
    {
        var page = RenderAt("/compare?baseline=3");

        Assert.Contains("Baseline: run #3", page.Find("[data-testid=compare-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public void The_address_chooses_the_runs_and_the_table_shows_the_result()
    {
        service.Answer = (_, _) => Task.FromResult(ComparisonSamples.Sample());

        var page = RenderAt("/compare?baseline=3&runs=4,5,x,3,4");

        var (baseline, others, _) = Assert.Single(service.Requests);
        Assert.Equal(3, baseline);
        Assert.Equal([4, 5], others);
        Assert.Equal(2, page.FindAll("[data-testid=compare-row]").Count);
    }

    [Fact]
    public void While_comparing_it_says_so()
    {
        var pending = new TaskCompletionSource<RunComparison>();
        service.Answer = (_, _) => pending.Task;

        var page = RenderAt("/compare?baseline=3&runs=4");

        Assert.Contains("Scoring 2 runs", page.Find("[data-testid=compare-loading]").TextContent, StringComparison.Ordinal);
        pending.SetResult(ComparisonSamples.Sample());
        page.WaitForElement("[data-testid=compare-table]");
        Assert.Empty(page.FindAll("[data-testid=compare-loading]"));
    }

    [Fact]
    public void A_refused_comparison_shows_the_reason()
    {
        service.Answer = (_, _) => Task.FromException<RunComparison>(new RunComparisonException(
            RunComparisonProblem.TestSetMismatch, "run #4 has 785 test sentences, the baseline 1,000", [4]));

        var page = RenderAt("/compare?baseline=3&runs=4");

        Assert.Contains("run #4 has 785 test sentences", page.Find("[data-testid=compare-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=compare-table]"));
    }

    [Fact]
    public async Task Picking_runs_puts_them_in_the_address_and_compares_again()
    {
        service.Answer = (_, _) => Task.FromResult(ComparisonSamples.Sample());
        var page = RenderAt("/compare?baseline=3&runs=5");
        var first = service.Requests[0].Token;

        var runs = page.FindComponent<MudSelect<int>>();
        await page.InvokeAsync(() => runs.Instance.SelectedValuesChanged.InvokeAsync([4, 5]));

        Assert.EndsWith("/compare?baseline=3&runs=5,4", Navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(2, service.Requests.Count));
        Assert.Equal([5, 4], service.Requests[1].Others);
        Assert.True(first.IsCancellationRequested);
    }

    [Fact]
    public async Task Choosing_another_baseline_keeps_the_other_runs()
    {
        service.Answer = (_, _) => Task.FromResult(ComparisonSamples.Sample());
        var page = RenderAt("/compare?baseline=3&runs=4,5");

        var baseline = page.FindComponent<MudSelect<int?>>();
        await page.InvokeAsync(() => baseline.Instance.ValueChanged.InvokeAsync(4));

        Assert.EndsWith("/compare?baseline=4&runs=5", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Urls_round_trip_and_skip_the_baseline_and_duplicates()
    {
        Assert.Equal("/compare", CompareUrl.Build(null, []));
        Assert.Equal("/compare?baseline=7", CompareUrl.WithBaseline(7));
        Assert.Equal("/compare?baseline=7&runs=9,8", CompareUrl.Build(7, [9, 7, 8, 9]));
        Assert.Equal([9, 8], CompareUrl.ParseRuns(" 9, 7,8,x,-1,9", 7));
        Assert.Empty(CompareUrl.ParseRuns(null, null));
    }
}
