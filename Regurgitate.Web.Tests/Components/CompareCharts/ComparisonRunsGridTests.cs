using Bunit;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

public sealed class ComparisonRunsGridTests : DashboardTestContext
{
    private IRenderedComponent<ComparisonRunsGrid> Render(Action<ComponentParameterCollectionBuilder<ComparisonRunsGrid>>? more = null)
    {
        RenderAs();
        return Context.Render<ComparisonRunsGrid>(p =>
        {
            p.Add(c => c.Runs, CompareChartsRows.Three).Add(c => c.Virtualize, false);
            more?.Invoke(p);
        });
    }

    private static List<string> RunIds(IRenderedComponent<ComparisonRunsGrid> grid) =>
        grid.FindAll("[data-testid=run-link]").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public void Lists_every_run_with_its_metric_summaries()
    {
        var summaries = new Dictionary<int, IReadOnlyDictionary<string, MetricSummary>>
        {
            [1] = new Dictionary<string, MetricSummary> { [MetricNames.TrainLoss] = new(2.5, 2.25, 2.375) },
        };

        var grid = Render(p => p.Add(c => c.Summaries, summaries));

        Assert.Equal(["#1", "#2", "#3"], RunIds(grid));
        var first = grid.FindAll("tr.compare-run-row")[0].TextContent;
        Assert.Contains("2.500", first, StringComparison.Ordinal);
        Assert.Contains("2.250", first, StringComparison.Ordinal);
        Assert.Contains("2.375", first, StringComparison.Ordinal);
        Assert.Contains("3 of 3 runs", grid.Find("[data-testid=runs-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sorting_by_a_column_reorders_the_rows()
    {
        var grid = Render();

        var sizeHeader = grid.FindAll("th").Single(th => th.TextContent.Trim().StartsWith("Size", StringComparison.Ordinal));
        sizeHeader.QuerySelector(".sortable-column-header")!.Click();

        Assert.Equal(["#2", "#1", "#3"], RunIds(grid));
    }

    [Fact]
    public void Filters_by_tag_and_by_any_config_field()
    {
        var byTag = Render(p => p.Add(c => c.InitialTagFilter, ["ablation"]));
        Assert.Equal(["#3"], RunIds(byTag));

        var byField = Render(p => p.Add(c => c.InitialFilterField, "Training.LearningRate").Add(c => c.InitialFilterValue, "0.0007"));
        Assert.Equal(["#1", "#2"], RunIds(byField));

        var none = Render(p => p.Add(c => c.InitialFilterField, "Mixture.RealFraction").Add(c => c.InitialFilterValue, "0.25"));
        Assert.Empty(RunIds(none));
        Assert.NotNull(none.Find("[data-testid=compare-runs-none]"));
    }

    [Fact]
    public void Ticking_a_run_adds_it_to_the_selection_and_unticking_removes_it()
    {
        IReadOnlyList<int>? raised = null;
        var grid = Render(p => p.Add(c => c.Selected, [3]).Add(c => c.SelectedChanged, ids => raised = ids));

        grid.Find("input[data-testid=select-run-1]").Change(true);
        Assert.Equal([3, 1], raised);

        grid.Find("input[data-testid=select-run-3]").Change(false);
        Assert.Empty(raised!);
    }

    [Fact]
    public void Select_shown_adds_the_filtered_runs()
    {
        IReadOnlyList<int>? raised = null;
        var grid = Render(p => p.Add(c => c.InitialTagFilter, ["paper"]).Add(c => c.SelectedChanged, ids => raised = ids));

        grid.Find("[data-testid=select-shown]").Click();

        Assert.Equal([1, 3], raised);
    }

    [Fact]
    public void Tags_are_edited_inline_and_saved_on_enter()
    {
        (int RunId, IReadOnlyList<string> Tags)? raised = null;
        var grid = Render(p => p.Add(c => c.TagsChanged, change => raised = change));

        grid.Find("[data-testid=edit-tags-2]").Click();
        var input = grid.Find("input[data-testid=tags-editor-2]");
        input.Change("baseline, paper ,baseline");
        grid.Find("input[data-testid=tags-editor-2]").KeyDown("Enter");

        Assert.Equal(2, raised!.Value.RunId);
        Assert.Equal(["baseline", "paper"], raised.Value.Tags);
    }

    [Fact]
    public void Each_run_has_its_stable_colour()
    {
        var grid = Render();

        var swatches = grid.FindAll(".run-swatch").Select(s => s.GetAttribute("style")).ToList();
        Assert.Equal(CompareChartsRows.Three.Select(r => $"background:{RunColors.ForRun(r.Id)}"), swatches);
    }
}
