using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The runs to compare: a virtualised, sortable grid filtered by tags and by any configuration field, with last /
/// best / best-smoothed values per metric and editable tags. Ticking runs raises <see cref="SelectedChanged"/>; the
/// page turns the selection into the charts (and the address).
/// </summary>
public partial class ComparisonRunsGrid
{
    private List<ComparisonRunRow> filtered = [];
    private List<string> allTags = [];
    private List<string> allFields = [];
    private IReadOnlyCollection<string> tagFilter = [];
    private string? filterField;
    private string? filterValue;
    private int? editingTags;
    private string? tagDraft;
    private bool firstScreenShown;

    /// <summary>
    /// Rows rendered in the first render: a screenful of the 420 px grid (40 px rows) and one more. Blazor's Virtualize
    /// renders no row until the browser has reported the viewport (a second round trip), so these are listed plainly.
    /// </summary>
    internal const int FirstRenderRows = 12;

    /// <summary>
    /// Up to this many runs the grid lists every row once the first screenful is shown; beyond it the rows are
    /// virtualised. Listing all 200 rows of the compare-ui benchmark sent a 1.2 MB batch that delayed the chart by
    /// ~0.6 s at the median.
    /// </summary>
    internal const int VirtualizeAbove = 50;

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

    /// <summary>Renders only the visible rows (on by default; component tests without a browser turn it off).</summary>
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

    private IReadOnlyList<ComparisonRunRow> GridItems =>
        ShowsFirstScreenOnly ? filtered.GetRange(0, FirstRenderRows) : filtered;

    private bool ShowsFirstScreenOnly => Virtualize && !firstScreenShown && filtered.Count > FirstRenderRows;

    private bool VirtualizeRows => Virtualize && firstScreenShown && filtered.Count > VirtualizeAbove;

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

        allTags = [.. Runs.SelectMany(r => r.Tags).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        allFields = [.. Runs.SelectMany(r => r.Fields.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        ApplyFilters();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // The first screenful has gone out in its own (small) batch; the rest follow, virtualised if there are many.
        if (ShowsFirstScreenOnly)
        {
            firstScreenShown = true;
            StateHasChanged();
        }
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
    }

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

    private MetricSummary? Summary(ComparisonRunRow row, string metric) =>
        Summaries is not null && Summaries.TryGetValue(row.Id, out var metrics) && metrics.TryGetValue(metric, out var summary) ? summary : null;

    // Runs without the metric sort last in either direction would need a custom comparer; NaN sorts first ascending.
    private double SortValue(ComparisonRunRow row, string metric, Func<MetricSummary, double> pick) =>
        Summary(row, metric) is { } summary ? pick(summary) : double.NaN;

    // BLEU and chrF with the precision they have everywhere else; losses and rates keep three decimals.
    private static string Format(string metric, double? value) => value is { } v && double.IsFinite(v)
        ? ScoreText.IsScoreMetric(metric) ? ScoreText.Format(v)
            : Math.Abs(v) >= 100 ? v.ToString("F1", CultureInfo.InvariantCulture) : v.ToString("F3", CultureInfo.InvariantCulture)
        : ScoreText.NoValue;
}
