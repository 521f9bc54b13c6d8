using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// Draws a <see cref="ComparisonChartData"/> with Plotly: each run's (or group's) raw curve faintly behind its
/// smoothed one in the run's own colour, group bands as filled areas, optional log axes. What is drawn is thinned with
/// min/max downsampling; the data exports and <see cref="Data"/> keep full resolution, and "Export figure" takes the
/// lines as drawn (<see cref="ComparisonFigure"/>). The lines' numbers reach the browser as one binary block
/// (<see cref="PackedPoints"/>) rather than through Plotly.Blazor's JSON, which formatted, re-parsed and re-serialised
/// every number on the server and had the browser parse them again: that was on the critical path of every comparison.
/// </summary>
public partial class ComparisonChart : IAsyncDisposable
{
    /// <summary>Opacity of the raw curves behind the smoothed ones.</summary>
    public const decimal RawOpacity = 0.25m;

    private readonly Config config = new() { DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover, DisplayLogo = false, Responsive = true };
    // Plotly.Blazor's types carry their JSON names and converters; unset options are left out, as Plotly.Blazor does.
    private static readonly JsonSerializerOptions PlotlyJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static readonly object PlotlyScript = new { module = PlotlyAssets.InteropModule, script = PlotlyAssets.BasicScript, elementId = PlotlyAssets.ScriptElementId };
    private Plotly.Blazor.Layout layout = default!;
    private ComparisonChartData? drawnData;
    private (bool LogX, bool LogY, bool ShowRaw, bool Dark)? drawnLook;
    private List<(Scatter Trace, IReadOnlyList<double> X, IReadOnlyList<double> Y)>? pendingDraw;
    private readonly HashSet<string> hiddenKeys = [];
    private bool plotRequested;
    private bool elementRendered;

    /// <summary>The chart's data at full resolution; null while loading.</summary>
    [Parameter]
    public ComparisonChartData? Data { get; set; }

    [Parameter]
    public bool LogX { get; set; }

    [Parameter]
    public bool LogY { get; set; }

    [Parameter]
    public bool ShowRaw { get; set; } = true;

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>Rows of the runs on the chart, for the seeds in the exported figure's caption.</summary>
    [Parameter]
    public IReadOnlyList<ComparisonRunRow> Runs { get; set; } = [];

    /// <summary>Raised when the browser has drawn (or redrawn) the lines.</summary>
    [Parameter]
    public EventCallback Drawn { get; set; }

    /// <summary>Points per drawn line at most (min/max buckets).</summary>
    [Parameter]
    public int MaxPointsPerTrace { get; set; } = Downsampling.DefaultMaxPoints;

    /// <summary>
    /// Points per drawn raw line at most: half as many as the smoothed lines, still keeping every bucket's minimum and
    /// maximum (so spikes stay), because the faint jagged raw lines were most of Plotly's drawing time (issue 20; with
    /// 20 runs, halving their points cut a warm draw by about a quarter). The smoothed lines, which carry the hover
    /// values, keep <see cref="MaxPointsPerTrace"/>.
    /// </summary>
    [Parameter]
    public int MaxPointsPerRawTrace { get; set; } = Downsampling.DefaultMaxPoints / 2;

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The Plotly element's id (for image export).</summary>
    public string ChartId { get; } = $"compare-chart-{Guid.NewGuid():N}";

    /// <summary>The lines as drawn (thinned), as plain data: name, colour, kind, x, y and band edges.</summary>
    public IReadOnlyList<ChartTrace> DisplayedTraces { get; private set; } = [];

    private string Summary => Data is null
        ? "Loading…"
        : $"{Data.Query.Metric} vs {ChartLabels.Axis(Data.Query.Axis).ToLowerInvariant()} · smoothing: {Data.Query.Smoothing.Describe()}"
          + (Data.Query.SkipFirst > 0 ? $" · first {Data.Query.SkipFirst} points skipped" : string.Empty)
          + (Data.Query.GroupBy is { } g ? $" · grouped by {g}, band {ChartLabels.Band(Data.Query.Band)}" : string.Empty)
          + (Data.MissingRuns.Count > 0 ? $" · no data for {string.Join(", ", Data.MissingRuns.Select(r => "#" + r.ToString(CultureInfo.InvariantCulture)))}" : string.Empty);

    protected override void OnInitialized() => layout = ChartStyle.CreateLayout(string.Empty, string.Empty, DarkMode);

    protected override void OnParametersSet()
    {
        var look = (LogX, LogY, ShowRaw, DarkMode);
        if (ReferenceEquals(Data, drawnData) && drawnLook == look)
        {
            return;
        }

        drawnData = Data;
        drawnLook = look;
        UpdateLayout();
        // Drawn after this render, once the plot's element exists. The plot is created with the first data rather than
        // empty, so opening a comparison draws its lines once instead of twice.
        pendingDraw = Data is null ? null : BuildTraces();
        if (pendingDraw is null)
        {
            DisplayedTraces = [];
        }
        plotRequested |= pendingDraw is not null;

        // The plot's element already went to the browser in an earlier render batch, and calls reach the browser in the
        // order they are made: draw now instead of after this render's round trip (issue 20).
        if (pendingDraw is { } draw && elementRendered)
        {
            pendingDraw = null;
            _ = DrawAsync(draw);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (pendingDraw is not { } draw)
        {
            return;
        }

        pendingDraw = null;
        await DrawAsync(draw);
    }

    private async Task DrawAsync(List<(Scatter Trace, IReadOnlyList<double> X, IReadOnlyList<double> Y)> draw)
    {
        var points = PackedPoints.Pack([.. draw.Select(d => (d.X, d.Y))]);
        try
        {
            await JS.InvokeVoidAsync("regurgitate.drawComparison", ChartId, draw.Select(d => Json(d.Trace)).ToList(),
                Json(layout), Json(config), points.Bytes, points.Lines, PlotlyScript);
            await Drawn.InvokeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page was closed while drawing.
        }
        catch (Exception ex) when (ex is JSException or TaskCanceledException)
        {
            // As an awaited render callback's failure would be: the circuit reports it (and a started draw is not
            // awaited by anyone else).
            await DispatchExceptionAsync(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (!plotRequested)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("regurgitate.purgeComparison", ChartId);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it.
        }
    }

    /// <summary>What the figure export dialog receives: the lines as displayed; null while there is nothing drawn.</summary>
    public Charts.Figures.FigureSpec? ToFigure()
    {
        var visible = VisibleTraces;
        return Data is null || visible.Count == 0 ? null : ComparisonFigure.Build(Data, visible, Runs, LogX, LogY);
    }

    // The lines as drawn without those hidden in the legend: what the figure export draws.
    private List<ChartTrace> VisibleTraces => [.. DisplayedTraces.Where(t => !hiddenKeys.Contains(t.Key))];

    // Hides or shows a line (with its raw curve and band) in the drawn plot; redraws with new data keep the choice.
    private async Task ToggleLineAsync(string key)
    {
        // A hidden line is shown again; a shown one is hidden.
        var visible = hiddenKeys.Remove(key);
        if (!visible)
        {
            hiddenKeys.Add(key);
        }

        try
        {
            await JS.InvokeVoidAsync("regurgitate.setComparisonLineVisible", ChartId, key, visible);
        }
        catch (JSDisconnectedException)
        {
            // The page was closed.
        }
    }

    private async Task ExportFigureAsync()
    {
        if (ToFigure() is { } figure)
        {
            await Dialogs.ShowFigureExportAsync(figure);
        }
    }

    private void UpdateLayout()
    {
        layout.Title.Text = Data?.Query.Metric ?? string.Empty;
        layout.Height = 420;
        layout.XAxis[0].Title.Text = Data is null ? "Step" : ChartLabels.Axis(Data.Query.Axis);
        layout.YAxis[0].Title.Text = Data?.Query.Metric ?? string.Empty;
        layout.XAxis[0].Type = LogX ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        layout.YAxis[0].Type = LogY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear;
        layout.YAxis[0].HoverFormat = Data is { } data && ScoreText.IsScoreMetric(data.Query.Metric) ? ScoreText.PlotlyFormat : null;
        layout.HoverMode = Plotly.Blazor.LayoutLib.HoverModeEnum.Closest;
        // The legend is the page's (ComparisonLegend): Plotly's measured every label while drawing.
        layout.ShowLegend = false;
        ChartStyle.ApplyTheme(layout, DarkMode);
    }

    // Each line's style as Plotly's trace, with its numbers beside it for the binary block.
    private List<(Scatter Trace, IReadOnlyList<double> X, IReadOnlyList<double> Y)> BuildTraces()
    {
        var shown = Data!.ForDisplay(MaxPointsPerTrace, MaxPointsPerRawTrace).Traces.Where(t => ShowRaw || !t.IsRaw).ToList();
        DisplayedTraces = shown;
        var result = new List<(Scatter, IReadOnlyList<double>, IReadOnlyList<double>)>();

        // Bands go first so every line is drawn over them.
        foreach (var trace in shown.Where(t => t.Lower is not null && t.Upper is not null))
        {
            result.Add((new Scatter
            {
                Name = trace.Name + " band",
                Fill = FillEnum.ToSelf,
                FillColor = Translucent(trace.Color, 0.2),
                Line = new Line { Width = 0, Color = Translucent(trace.Color, 0) },
                Mode = ModeFlag.Lines,
                LegendGroup = trace.Key,
                Visible = Visibility(trace),
                HoverInfo = HoverInfoFlag.Skip,
            }, [.. trace.X, .. trace.X.Reverse()], [.. trace.Upper!, .. trace.Lower!.Reverse()]));
        }

        foreach (var trace in shown)
        {
            result.Add((new Scatter
            {
                Name = trace.Name,
                LegendGroup = trace.Key,
                Visible = Visibility(trace),
                Mode = ModeFlag.Lines,
                Opacity = trace.IsRaw ? RawOpacity : 1m,
                Line = new Line { Color = trace.Color, Width = trace.IsRaw ? 1 : 2 },
                HoverInfo = trace.IsRaw ? HoverInfoFlag.Skip : HoverInfoFlag.All,
            }, trace.X, trace.Y));
        }

        return result;
    }

    private VisibleEnum Visibility(ChartTrace trace) => hiddenKeys.Contains(trace.Key) ? VisibleEnum.False : VisibleEnum.True;

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, PlotlyJson);

    private static string Translucent(string hex, double alpha)
    {
        var rgb = Convert.ToInt32(hex.TrimStart('#'), 16);
        return string.Create(CultureInfo.InvariantCulture, $"rgba({(rgb >> 16) & 255},{(rgb >> 8) & 255},{rgb & 255},{alpha})");
    }

    private async Task DownloadAsync(string format)
    {
        if (Data is null)
        {
            return;
        }

        var (text, type) = format switch
        {
            "long.csv" => (ChartDataExport.LongCsv(Data), "text/csv"),
            "wide.csv" => (ChartDataExport.WideCsv(Data), "text/csv"),
            _ => (ChartDataExport.Json(Data), "application/json"),
        };
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            using var reference = new DotNetStreamReference(stream);
            await JS.InvokeVoidAsync("regurgitate.downloadStream", ChartDataExport.FileName(Data, format), type, reference);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not accept the download.", Severity.Warning);
        }
    }
}
