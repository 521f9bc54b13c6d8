using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Components.Prerendering;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.Components.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

public sealed class CompareChartsPageTests : DashboardTestContext
{
    private readonly FakeMetricSeriesService series = new(CompareChartsRows.Three);

    private BunitPersistentComponentState state = default!;

    // before: what happens between registering the services and rendering, e.g. state a prerendered pass persisted.
    private IRenderedComponent<CompareChartsPage> RenderAt(string url, bool interactive = true, Action? before = null)
    {
        state = Context.AddComparePage(series);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        RenderAs(interactive);
        before?.Invoke();
        return Context.Render<CompareChartsPage>();
    }

    [Fact]
    public void The_address_sets_runs_grouping_band_and_smoothing_of_the_chart()
    {
        var page = RenderAt("/compare/charts?runs=1,3,2&group=Mixture.RealFraction&band=minmax&smooth=gaussian&sp=2&skip=5");

        var query = Assert.Single(series.Queries);
        Assert.Equal([1, 3, 2], query.RunIds);
        Assert.Equal("Mixture.RealFraction", query.GroupBy);
        Assert.Equal(BandKind.MinMax, query.Band);
        Assert.Equal(new SmoothingOptions(SmoothingKind.Gaussian, 2), query.Smoothing);
        Assert.Equal(5, query.SkipFirst);

        var chart = page.FindComponent<ComparisonChart>().Instance;
        Assert.Equal(3, chart.DisplayedTraces.Count);
        Assert.All(chart.DisplayedTraces, t => Assert.Equal(ChartTraceKind.GroupMean, t.Kind));
        Assert.NotNull(chart.DisplayedTraces[0].Lower);
    }

    [Fact]
    public void Grouping_two_runs_with_the_same_value_draws_their_mean_with_the_band()
    {
        var page = RenderAt("/compare/charts?runs=1,2&group=Training.LearningRate&band=minmax");

        var group = Assert.Single(page.FindComponent<ComparisonChart>().Instance.DisplayedTraces);
        Assert.Equal("Training.LearningRate = 0.0007 (n=2)", group.Name);
        Assert.Equal([1, 2], group.RunIds);
        Assert.Equal([1.5, 2.5, 3.5], group.Y);
        Assert.Equal([1.0, 2.0, 3.0], group.Lower!);
        Assert.Equal([2.0, 3.0, 4.0], group.Upper!);
    }

    [Fact]
    public void Options_navigate_to_a_new_address_and_the_chart_follows_it()
    {
        var page = RenderAt("/compare/charts?runs=1,2");
        var navigation = Context.Services.GetRequiredService<NavigationManager>();

        page.Find("input[data-testid=option-logy]").Change(true);

        // MudSwitch raises its change asynchronously; on a busy machine the navigation can land a moment later.
        page.WaitForAssertion(() => Assert.EndsWith("/compare/charts?runs=1,2&logy=1", Uri.UnescapeDataString(navigation.Uri), StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.True(page.FindComponent<ComparisonChart>().Instance.LogY));

        // Log axes only change the drawing: no reload.
        Assert.Single(series.Queries);
    }

    [Fact]
    public void Selected_runs_are_diffed_and_offered_for_the_paired_test()
    {
        var page = RenderAt("/compare/charts?runs=1,3");

        var rows = page.FindAll("[data-testid=diff-row]").Select(r => r.QuerySelector("td")!.TextContent).ToList();
        Assert.Contains("Training.LearningRate", rows);
        Assert.Contains("Condition", rows);
        Assert.Contains("Tags", rows);
        Assert.Equal("/compare?baseline=1&runs=3", page.Find("[data-testid=paired-link]").GetAttribute("href"));
    }

    [Fact]
    public void The_best_smoothed_column_follows_the_charts_smoothing()
    {
        var page = RenderAt("/compare/charts?runs=1&smooth=gaussian&sp=3");

        page.WaitForAssertion(() => Assert.Contains("0.750", page.FindAll("tr.compare-run-row")[2].TextContent, StringComparison.Ordinal));
        Assert.Equal([new SmoothingOptions(SmoothingKind.Gaussian, 3)], series.SummarySmoothings);
        Assert.Contains("Gaussian sigma=3", page.Find("[data-testid=summaries-note]").TextContent, StringComparison.Ordinal);

        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare/charts?runs=1&smooth=ema&sp=0.9");
        page.WaitForAssertion(() => Assert.Equal(2, series.SummarySmoothings.Count));
        Assert.Equal(new SmoothingOptions(SmoothingKind.Ema, 0.9), series.SummarySmoothings[1]);
    }

    private PrerenderHandoff Handoff => Context.Services.GetRequiredService<PrerenderHandoff>();

    [Fact]
    public void The_prerendered_pass_lists_the_runs_with_ticks_disabled()
    {
        var page = RenderAt("/compare/charts", interactive: false);

        var ticks = page.FindAll("tr.compare-run-row input.run-select");
        Assert.Equal(3, ticks.Count);
        Assert.All(ticks, tick => Assert.True(tick.HasAttribute("disabled")));
        Assert.Empty(series.SummarySmoothings);

        // What the circuit's first render takes instead of listing the runs again.
        state.TriggerOnPersisting();
        Assert.True(state.TryTake<string>(CompareChartsPage.PrerenderedRunsKey, out var ticket));
        Assert.True(Handoff.TryTake<ComparisonRunRow>(ticket, out var handed));
        Assert.Equal(CompareChartsRows.Three, handed);
        Assert.Equal(1, series.Listings);
    }

    [Fact]
    public void Opened_with_runs_to_draw_the_prerendered_pass_is_only_the_shells_loading_state()
    {
        var page = RenderAt("/compare/charts?runs=1,2", interactive: false);

        Assert.NotNull(page.Find("[data-testid=page-loading]"));
        Assert.Empty(page.FindAll("[data-testid=compare-runs-grid]"));
        Assert.Empty(page.FindAll("h1"));
        Assert.Equal(0, series.Listings);
        Assert.Empty(series.Queries);
    }

    [Fact]
    public void The_circuits_first_render_takes_the_prerendered_runs_instead_of_listing_them_again()
    {
        var page = RenderAt("/compare/charts", before: () => state.Persist(CompareChartsPage.PrerenderedRunsKey, Handoff.Put(CompareChartsRows.Three)));

        Assert.Equal(3, page.FindAll("tr.compare-run-row").Count);
        Assert.Equal(0, series.Listings);
        Assert.Equal(0, Handoff.Count);
    }

    [Fact]
    public void In_the_circuit_the_ticks_are_enabled_and_nothing_is_left_for_a_handoff()
    {
        var page = RenderAt("/compare/charts?runs=1");

        Assert.All(page.FindAll("input.run-select"), tick => Assert.False(tick.HasAttribute("disabled")));
        state.TriggerOnPersisting();
        Assert.False(state.TryTake<string>(CompareChartsPage.PrerenderedRunsKey, out _));
        Assert.Equal(0, Handoff.Count);
    }

    [Fact]
    public void Without_runs_the_chart_asks_for_a_selection()
    {
        var page = RenderAt("/compare/charts");

        Assert.NotNull(page.Find("[data-testid=compare-chart-empty]"));
        Assert.Empty(series.Queries);
        Assert.NotNull(page.Find("[data-testid=diff-empty]"));
    }
}
