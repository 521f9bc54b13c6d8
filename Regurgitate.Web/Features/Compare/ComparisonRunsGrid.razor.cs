using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The runs to compare: a windowed (only the rows in view are rendered), sortable table filtered by tags and by any configuration field, with last /
/// best / best-smoothed values per metric and editable tags. Ticking runs raises <see cref="SelectedChanged"/>; the
/// page turns the selection into the charts (and the address).
/// </summary>
public partial class ComparisonRunsGrid : IAsyncDisposable
{
    /// <summary>Height of a row in pixels (the stylesheet fixes it), for the spacers that stand in for unrendered rows.</summary>
    internal const int RowHeight = 40;

    /// <summary>Rows kept rendered above and below the visible ones, so a short scroll shows rows at once.</summary>
    internal const int Overscan = 5;

    /// <summary>The scroll box's height in pixels (ComparisonRunsGrid.razor.css), assumed until the browser reports it.</summary>
    private const int ViewportHeight = 420;

    private List<ComparisonRunRow> filtered = [];
    private List<ComparisonRunRow> ordered = [];
    private List<string> allTags = [];
    private List<string> allFields = [];
    private IReadOnlyCollection<string> tagFilter = [];
    private string? filterField;
    private string? filterValue;
    private int? editingTags;
    private string? tagDraft;
    private List<RunsGridColumn> columns = [];
    private IReadOnlyList<string>? columnsFor;
    private RunsGridColumn? sortColumn;
    private bool sortDescending;
    private double scrollTop;
    private double viewportHeight = ViewportHeight;
    private (int Start, int End) window;
    private ElementReference scroller;
    private DotNetObjectReference<ComparisonRunsGrid>? scrollCallbacks;
    private bool watchingScroll;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The runs; null while they load.</summary>
    [Parameter]
    public IReadOnlyList<ComparisonRunRow>? Runs { get; set; }

    /// <summary>Run id → metric → summary; null (or a missing run) while they load.</summary>
    [Parameter]
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, MetricSummary>>? Summaries { get; set; }

    [Parameter]
    public IReadOnlyList<string> Metrics { get; set; } = ComparisonMetrics.TableMetrics;

    [Parameter]
    public IReadOnlyList<int> Selected { get; set; } = [];

    [Parameter]
    public EventCallback<IReadOnlyList<int>> SelectedChanged { get; set; }

    /// <summary>Raised with the run and its new tags after the tags editor closes.</summary>
    [Parameter]
    public EventCallback<(int RunId, IReadOnlyList<string> Tags)> TagsChanged { get; set; }

    /// <summary>
    /// Renders only the rows in view (and <see cref="Overscan"/> more each side) in a scroll box, starting with the
    /// first screenful; on by default, component tests that want every row turn it off.
    /// </summary>
    [Parameter]
    public bool Virtualize { get; set; } = true;

    /// <summary>Tags the grid starts filtered by (any of them).</summary>
    [Parameter]
    public IReadOnlyCollection<string>? InitialTagFilter { get; set; }

    /// <summary>A field the grid starts filtered by, with <see cref="InitialFilterValue"/> (contained, case-insensitive).</summary>
    [Parameter]
    public string? InitialFilterField { get; set; }

    [Parameter]
    public string? InitialFilterValue { get; set; }

    /// <summary>The runs the filters let through, in the order given.</summary>
    public IReadOnlyList<ComparisonRunRow> Filtered => filtered;

    protected override void OnInitialized()
    {
        tagFilter = InitialTagFilter ?? [];
        filterField = InitialFilterField;
        filterValue = InitialFilterValue;
    }

    protected override void OnParametersSet()
    {
        if (Runs is null)
        {
            return;
        }

        if (!ReferenceEquals(columnsFor, Metrics))
        {
            columnsFor = Metrics;
            var sortedTitle = sortColumn?.Title;
            columns = BuildColumns();
            sortColumn = columns.FirstOrDefault(c => c.Title == sortedTitle && c.SortKey is not null);
        }

        allTags = [.. Runs.SelectMany(r => r.Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        allFields = [.. Runs.SelectMany(r => r.Fields.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        ApplyFilters();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The browser reports scrolling (and the box's real height) from now on; until then the first screenful shows.
        if (!Virtualize || watchingScroll || Runs is null || Runs.Count == 0)
        {
            return;
        }

        watchingScroll = true;
        scrollCallbacks = DotNetObjectReference.Create(this);
        try
        {
            await JS.InvokeVoidAsync("regurgitate.watchRowsScroll", scroller, scrollCallbacks);
        }
        catch (JSDisconnectedException)
        {
            // The page was closed.
        }
    }

    /// <summary>Called by the browser (js/compare.js) when the rows' box scrolled or was resized.</summary>
    [JSInvokable]
    public void OnRowsScrolled(double top, double height)
    {
        scrollTop = Math.Max(0, top);
        viewportHeight = height > 0 ? height : ViewportHeight;
        var before = window;
        UpdateWindow();
        if (window != before)
        {
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (scrollCallbacks is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("regurgitate.unwatchRowsScroll", scroller);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the listener with the page.
        }

        scrollCallbacks.Dispose();
    }

    private void ApplyFilters()
    {
        IEnumerable<ComparisonRunRow> rows = Runs ?? [];
        if (tagFilter.Count > 0)
        {
            rows = rows.Where(r => r.Tags.Any(t => tagFilter.Contains(t, StringComparer.OrdinalIgnoreCase)));
        }

        if (filterField is { } field && !string.IsNullOrWhiteSpace(filterValue))
        {
            var value = filterValue.Trim();
            rows = rows.Where(r => r.Fields.TryGetValue(field, out var text) && text.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        filtered = rows.ToList();
        ApplySort();
    }

    private void ApplySort()
    {
        ordered = sortColumn?.SortKey is { } key
            ? (sortDescending ? filtered.OrderByDescending(key) : filtered.OrderBy(key)).ToList()
            : filtered;
        UpdateWindow();
    }

    // The rows from just above the first visible one to just below the last; every row without windowing.
    private void UpdateWindow()
    {
        if (!Virtualize)
        {
            window = (0, ordered.Count);
            return;
        }

        var first = (int)Math.Floor(scrollTop / RowHeight);
        var visible = (int)Math.Ceiling(viewportHeight / RowHeight);
        var start = Math.Clamp(first - Overscan, 0, Math.Max(0, ordered.Count - visible - Overscan));
        window = (start, Math.Min(ordered.Count, first + visible + Overscan));
        if (window.End < window.Start)
        {
            window = (start, start);
        }
    }

    private void SortBy(RunsGridColumn column)
    {
        sortDescending = ReferenceEquals(sortColumn, column) && !sortDescending;
        sortColumn = column;
        ApplySort();
    }

    private string? AriaSort(RunsGridColumn column) =>
        ReferenceEquals(sortColumn, column) ? sortDescending ? "descending" : "ascending" : null;

    private string SortIndicator(RunsGridColumn column) =>
        ReferenceEquals(sortColumn, column) ? sortDescending ? " ▼" : " ▲" : string.Empty;

    private static string ColumnLabel(RunsGridColumn column) => column.Title.Length == 0 ? "Select" : column.Title;

    private static string SpacerStyle(int rows) => string.Create(CultureInfo.InvariantCulture, $"height:{rows * RowHeight}px");

    private IReadOnlyDictionary<string, MetricSummary>? SummariesOf(ComparisonRunRow row) =>
        Summaries is not null && Summaries.TryGetValue(row.Id, out var metrics) ? metrics : null;

    // The fixed columns, then last / best / best smoothed of each metric.
    private List<RunsGridColumn> BuildColumns() =>
    [
        new(string.Empty, null),
        new("Run", r => r.Id),
        new("Experiment", r => r.ExperimentName),
        new("Condition", r => r.Condition ?? string.Empty),
        new("Size", r => r.TrainSize),
        new("Real", r => r.RealFraction),
        new("Seed", r => r.Seed),
        new("Status", r => r.Status.ToString()),
        new("Tags", r => string.Join(',', r.Tags)),
        new("Test BLEU", r => r.TestBleu ?? double.NegativeInfinity),
        .. Metrics.SelectMany(metric => new RunsGridColumn[]
        {
            new($"{metric} last", r => SortValue(r, metric, s => s.Last)),
            new($"{metric} best", r => SortValue(r, metric, s => s.Best)),
            new($"{metric} best smoothed", r => SortValue(r, metric, s => s.BestSmoothed)),
        }),
    ];

    private void OnTagFilterChanged(IEnumerable<string>? tags)
    {
        tagFilter = tags?.ToList() ?? [];
        ApplyFilters();
    }

    private void OnFilterFieldChanged(string? field)
    {
        filterField = string.IsNullOrEmpty(field) ? null : field;
        ApplyFilters();
    }

    private void OnFilterValueChanged(string? value)
    {
        filterValue = value;
        ApplyFilters();
    }

    private bool IsSelected(ComparisonRunRow row) => Selected.Contains(row.Id);

    private Task Toggle(ComparisonRunRow row, bool on) =>
        SelectedChanged.InvokeAsync(on ? [.. Selected.Where(id => id != row.Id), row.Id] : [.. Selected.Where(id => id != row.Id)]);

    private Task SelectShown() =>
        SelectedChanged.InvokeAsync([.. Selected, .. filtered.Select(r => r.Id).Where(id => !Selected.Contains(id))]);

    private Task ClearSelection() => SelectedChanged.InvokeAsync([]);

    private void EditTags(ComparisonRunRow row)
    {
        editingTags = row.Id;
        tagDraft = string.Join(", ", row.Tags);
    }

    private async Task OnTagKeyDown(KeyboardEventArgs e, ComparisonRunRow row)
    {
        if (e.Key == "Enter")
        {
            await SaveTagsAsync(row);
        }
        else if (e.Key == "Escape")
        {
            editingTags = null;
        }
    }

    private async Task SaveTagsAsync(ComparisonRunRow row)
    {
        if (editingTags != row.Id)
        {
            return;
        }

        editingTags = null;
        var tags = RunTags.Parse(tagDraft);
        if (!tags.SequenceEqual(row.Tags))
        {
            await TagsChanged.InvokeAsync((row.Id, tags));
        }
    }

    // Runs without the metric sort as NaN, which sorts first ascending.
    private double SortValue(ComparisonRunRow row, string metric, Func<MetricSummary, double> pick) =>
        SummariesOf(row) is { } metrics && metrics.TryGetValue(metric, out var summary) ? pick(summary) : double.NaN;
}
