using Bunit;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>
/// The comparison grid with many runs renders only the rows in view (issue 20): the first screenful from the first
/// render on, and never none while the browser has not reported the viewport. With MudDataGrid's virtualisation the
/// first rows vanished for 0.1–0.6 s when the grid switched to it, until the browser's viewport callback arrived.
/// </summary>
public sealed class ComparisonRunsGridWindowTests : DashboardTestContext
{
    private const int Screenful = 420 / ComparisonRunsGrid.RowHeight;

    private static List<ComparisonRunRow> Rows(int count) =>
        [.. Enumerable.Range(1, count).Select(id => CompareChartsRows.Row(id, "real", 1000 + id, 1.0, "paper"))];

    private IRenderedComponent<ComparisonRunsGrid> Render(int runs)
    {
        // A browser that has not reported its viewport yet: bUnit would otherwise answer Blazor's Virtualize at once.
        Context.JSInterop.SetupVoid(i => i.Identifier.StartsWith("Blazor._internal.Virtualize", StringComparison.Ordinal));
        RenderAs();
        return Context.Render<ComparisonRunsGrid>(p => p.Add(c => c.Runs, Rows(runs)));
    }

    private static List<int> RowIds(IRenderedComponent<ComparisonRunsGrid> grid) =>
        [.. grid.FindAll("[data-testid=run-link]").Select(a => int.Parse(a.TextContent.TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData(30)]
    [InlineData(200)]
    public void The_first_screenful_stays_listed_after_the_first_render_until_the_browser_reports_the_viewport(int runs)
    {
        var grid = Render(runs);

        // bUnit has run every render the first one causes (after-render callbacks included): rows must still be there.
        var ids = RowIds(grid);
        Assert.True(ids.Count >= Screenful, $"{ids.Count} rows listed after the first render settled");
        Assert.Equal(Enumerable.Range(1, ids.Count), ids);
        Assert.True(ids.Count <= Screenful + (2 * ComparisonRunsGrid.Overscan), $"{ids.Count} rows listed: not windowed");
    }

    [Fact]
    public void Scrolling_renders_the_rows_in_view_between_spacers_as_high_as_the_rows_they_stand_for()
    {
        var grid = Render(200);
        Assert.Single(Calls("regurgitate.watchRowsScroll"));

        grid.InvokeAsync(() => grid.Instance.OnRowsScrolled(100 * ComparisonRunsGrid.RowHeight, 420));

        var ids = RowIds(grid);
        Assert.Contains(101, ids);
        Assert.Contains(101 + Screenful - 1, ids);
        Assert.Equal(Enumerable.Range(ids[0], ids.Count), ids);
        var spacers = grid.FindAll("tr.runs-spacer").Select(s => int.Parse(s.GetAttribute("style")!["height:".Length..^"px".Length], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, spacers.Count);
        Assert.Equal((ids[0] - 1) * ComparisonRunsGrid.RowHeight, spacers[0]);
        Assert.Equal(200 * ComparisonRunsGrid.RowHeight, spacers.Sum() + (ids.Count * ComparisonRunsGrid.RowHeight));

        // Back to the top: the first rows return and the top spacer goes.
        grid.InvokeAsync(() => grid.Instance.OnRowsScrolled(0, 420));
        Assert.Equal(1, RowIds(grid)[0]);
        Assert.Single(grid.FindAll("tr.runs-spacer"));
    }

    [Fact]
    public void Sorting_orders_every_run_not_only_the_rows_in_view()
    {
        var grid = Render(200);

        var runHeader = grid.FindAll("th").Single(th => th.TextContent.Trim().StartsWith("Run", StringComparison.Ordinal));
        runHeader.QuerySelector(".sortable-column-header")!.Click();
        grid.FindAll("th").Single(th => th.TextContent.Trim().StartsWith("Run", StringComparison.Ordinal)).QuerySelector(".sortable-column-header")!.Click();

        Assert.Equal(200, RowIds(grid)[0]);
        Assert.Equal("descending", grid.FindAll("th").Single(th => th.TextContent.Trim().StartsWith("Run", StringComparison.Ordinal)).GetAttribute("aria-sort"));
    }

    [Fact]
    public void Names_conditions_and_tags_in_the_markup_cells_are_text_not_markup()
    {
        // The identity, score and tag cells are written as markup strings, so user-chosen text must be encoded there.
        const string Hostile = "<img src=x onerror=alert(1)>";
        var row = CompareChartsRows.Row(1, Hostile, 1000, 1.0, Hostile) with { ExperimentName = Hostile + "&" };
        Context.JSInterop.SetupVoid(i => i.Identifier.StartsWith("Blazor._internal.Virtualize", StringComparison.Ordinal));
        RenderAs();
        var grid = Context.Render<ComparisonRunsGrid>(p => p.Add(c => c.Runs, [row]));

        Assert.Empty(grid.FindAll("tbody img"));
        var cells = grid.FindAll("tbody td").Select(td => td.TextContent).ToList();
        Assert.Contains(Hostile + "&", cells);
        Assert.Contains(Hostile, cells);
        Assert.Equal(Hostile, grid.Find(".run-tag").TextContent);
    }
}
