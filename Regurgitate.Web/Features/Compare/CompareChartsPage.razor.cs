using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Web.Components.Prerendering;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// Runs table, comparison chart, configuration diff and paired test. The view is a <see cref="ChartState"/> read from
/// the address on every navigation (<see cref="ChartStateUrl"/>); controls only navigate. Loading the chart is
/// cancelled when a newer view replaces it. Opened without a chart, the runs table is part of the prerendered first
/// response, so its rows show before the circuit has started (issue 20); the chart, its options and the summaries
/// load in the circuit.
/// </summary>
[PrerenderContent]
public partial class CompareChartsPage : IDisposable
{
    private ChartState state = new();
    private ChartState? loadedState;
    private IReadOnlyList<ComparisonRunRow>? runs;
    private IReadOnlyDictionary<int, IReadOnlyDictionary<string, MetricSummary>>? summaries;
    private IReadOnlyList<ComparisonRunRow> selectedRows = [];
    private IReadOnlyList<string> groupFields = [];
    private ComparisonChartData? chartData;
    private ComparisonChart? chart;
    private bool chartLoading;
    private SmoothingOptions? summarisedWith;
    private CancellationTokenSource? summaryCancellation;
    private string? loadError;
    private string? chartError;
    private CancellationTokenSource? chartCancellation;
    private readonly CancellationTokenSource lifetime = new();

    // Opened with runs to draw, the prerendered response is only the shell, as for other pages: the circuit's start is
    // the chart's critical path, and laying out and painting a prerendered table first delayed it by about 0.1 s.
    private bool shellOnly;

    // The chart's options, the configuration diff and the paired test render after the runs table and the chart's
    // first draw: their MudBlazor inputs were most of the page's ~200 KB first render batch, which
    // the table's rows and the chart's numbers waited behind (issue 20).
    private bool panelsShown;

    // Declared so that a change of any of them re-runs OnParametersSet; the values are read with ChartStateUrl.Parse.
    [SupplyParameterFromQuery(Name = "runs")] public string? RunsParameter { get; set; }
    [SupplyParameterFromQuery(Name = "metric")] public string? MetricParameter { get; set; }
    [SupplyParameterFromQuery(Name = "x")] public string? AxisParameter { get; set; }
    [SupplyParameterFromQuery(Name = "smooth")] public string? SmoothParameter { get; set; }
    [SupplyParameterFromQuery(Name = "sp")] public string? SmoothingParameterParameter { get; set; }
    [SupplyParameterFromQuery(Name = "group")] public string? GroupParameter { get; set; }
    [SupplyParameterFromQuery(Name = "band")] public string? BandParameter { get; set; }
    [SupplyParameterFromQuery(Name = "logx")] public string? LogXParameter { get; set; }
    [SupplyParameterFromQuery(Name = "logy")] public string? LogYParameter { get; set; }
    [SupplyParameterFromQuery(Name = "skip")] public string? SkipParameter { get; set; }
    [SupplyParameterFromQuery(Name = "raw")] public string? RawParameter { get; set; }

    /// <summary>The persisted state's key of the ticket to the runs the prerendered pass listed (<see cref="PrerenderHandoff"/>).</summary>
    public const string PrerenderedRunsKey = "compare-charts-runs";

    [Inject]
    private IMetricSeriesService Series { get; set; } = default!;

    [Inject]
    private PrerenderHandoff Handoff { get; set; } = default!;

    [Inject]
    private PersistentComponentState PersistentState { get; set; } = default!;

    private PersistingComponentStateSubscription? persisting;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<CompareChartsPage> Logger { get; set; } = default!;

    /// <summary>The chart's current data at full resolution (null before the first load), for figure export.</summary>
    public ComparisonChartData? ChartData => chartData;

    /// <summary>The chart component, e.g. for its element id or the lines as drawn.</summary>
    public ComparisonChart? Chart => chart;

    protected override async Task OnInitializedAsync()
    {
        shellOnly = !RendererInfo.IsInteractive && ChartStateUrl.Parse(Navigation.Uri).Runs.Count > 0;
        if (shellOnly)
        {
            return;
        }

        try
        {
            // The circuit's first render takes what the prerendered pass listed: no second query, and no loading state
            // in place of the prerendered rows while one runs.
            runs = PersistentState.TryTakeFromJson<string>(PrerenderedRunsKey, out var ticket) && Handoff.TryTake<ComparisonRunRow>(ticket, out var handed)
                ? handed
                : await Series.ListRunsAsync(lifetime.Token);
            if (!RendererInfo.IsInteractive)
            {
                var listed = Handoff.Put(runs);
                persisting = PersistentState.RegisterOnPersisting(() =>
                {
                    PersistentState.PersistAsJson(PrerenderedRunsKey, listed);
                    return Task.CompletedTask;
                });
            }

            groupFields = [.. runs.SelectMany(r => r.Fields.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not list the runs to compare");
            runs = [];
            loadError = "The runs could not be loaded; see the server log.";
            return;
        }

    }

    protected override async Task OnParametersSetAsync()
    {
        state = ChartStateUrl.Parse(Navigation.Uri);
        if (runs is null || shellOnly)
        {
            return;
        }

        var byId = runs.ToDictionary(r => r.Id);
        selectedRows = [.. state.Runs.Where(byId.ContainsKey).Select(id => byId[id])];

        // The prerendered pass shows the table; the circuit loads the rest.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        // Log axes and raw curves only change the drawing, not the data.
        var dataState = state with { LogX = false, LogY = false, ShowRaw = true };
        if (dataState == loadedState)
        {
            return;
        }

        loadedState = dataState;
        await LoadChartAsync();

        // The table shows its rows at once; its per-metric columns fill in once the curves are summarised, after the
        // chart, so that summarising every run does not compete with drawing the selected ones. The best-smoothed
        // column follows the chart's smoothing.
        if (summarisedWith != state.SmoothingOptions)
        {
            summarisedWith = state.SmoothingOptions;
            _ = LoadSummariesAsync(summarisedWith);
        }
    }

    private async Task LoadChartAsync()
    {
        chartCancellation?.Cancel();
        chartCancellation?.Dispose();
        chartError = null;
        if (state.Runs.Count == 0 || runs is null)
        {
            chartData = null;
            chartCancellation = null;
            return;
        }

        var mine = chartCancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        chartLoading = true;
        try
        {
            var data = await Series.LoadChartAsync(state.ToQuery(), runs, mine.Token);
            if (!mine.IsCancellationRequested)
            {
                chartData = data;
            }
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // A newer view replaced this one.
        }
        catch (Exception ex) when (!mine.IsCancellationRequested && ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not load {Metric} for runs {Runs}", state.Metric, string.Join(',', state.Runs));
            chartError = "The curves could not be loaded; see the server log.";
        }
        finally
        {
            if (ReferenceEquals(chartCancellation, mine))
            {
                chartLoading = false;
            }
        }
    }

    private async Task LoadSummariesAsync(SmoothingOptions smoothing)
    {
        if (runs is null || runs.Count == 0)
        {
            summaries = new Dictionary<int, IReadOnlyDictionary<string, MetricSummary>>();
            return;
        }

        summaryCancellation?.Cancel();
        summaryCancellation?.Dispose();
        var mine = summaryCancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        try
        {
            var loaded = await Series.SummarizeAsync([.. runs.Select(r => r.Id)], ComparisonMetrics.TableMetrics, smoothing, mine.Token);
            await InvokeAsync(() =>
            {
                summaries = loaded;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // The page closed or the smoothing changed again.
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not summarise the runs' curves");
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Without a chart to wait for, the panels follow the first render with rows in their own batch.
        if (!panelsShown && runs is not null && (state.Runs.Count == 0 || chartError is not null || (!chartLoading && chartData is null)))
        {
            ShowPanels();
        }
    }

    // After the chart's first draw: a batch arriving with the chart's numbers was applied before Plotly drew them.
    private void OnChartDrawn()
    {
        if (!panelsShown)
        {
            ShowPanels();
        }
    }

    private void ShowPanels()
    {
        panelsShown = true;
        StateHasChanged();
    }

    private void Navigate(ChartState next) => Navigation.NavigateTo(ChartStateUrl.Build(next), replace: true);

    private void OnSelectionChanged(IReadOnlyList<int> selection) => Navigate(state with { Runs = selection });

    private async Task OnTagsChanged((int RunId, IReadOnlyList<string> Tags) change)
    {
        try
        {
            await Series.SetTagsAsync(change.RunId, change.Tags, lifetime.Token);
            runs = [.. (runs ?? []).Select(r => r.Id == change.RunId ? WithTags(r, change.Tags) : r)];
            selectedRows = [.. selectedRows.Select(r => r.Id == change.RunId ? WithTags(r, change.Tags) : r)];
        }
        catch (ArgumentException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (InvalidOperationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private static ComparisonRunRow WithTags(ComparisonRunRow row, IReadOnlyList<string> tags)
    {
        var fields = new Dictionary<string, string>(row.Fields, StringComparer.OrdinalIgnoreCase) { [MetricSeriesService.TagsField] = string.Join(',', tags) };
        return row with { Tags = tags, Fields = fields };
    }

    public void Dispose()
    {
        persisting?.Dispose();
        lifetime.Cancel();
        lifetime.Dispose();
        chartCancellation?.Dispose();
        summaryCancellation?.Dispose();
    }
}
