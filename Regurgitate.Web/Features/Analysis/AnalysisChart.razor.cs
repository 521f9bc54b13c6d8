using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// A static Plotly chart in the workbench's paper style, with Plotly's modebar and export buttons: SVG and PNG
/// (<c>Plotly.downloadImage</c> through <c>wwwroot/js/charts.js</c>) and CSV of the plotted data (<see cref="ChartCsv"/>, a data URL).
/// The traces are drawn once; give the component a new <c>@key</c> to draw new data.
/// </summary>
public partial class AnalysisChart
{
    /// <summary>The JS function that downloads a chart image.</summary>
    public const string DownloadFunction = "regurgitate.downloadChart";

    /// <summary>Exported image size in CSS pixels (PNG at <see cref="PngScale"/>x).</summary>
    public const int ExportWidth = 900;
    public const int ExportHeight = 500;
    public const int PngScale = 2;

    private readonly string chartId = $"chart-{Guid.NewGuid():N}";
    private PlotlyChart? chart;
    private Config config = default!;
    private Plotly.Blazor.Layout layout = default!;
    private string csvUrl = string.Empty;

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string XAxisTitle { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string YAxisTitle { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public IList<ITrace> Traces { get; set; } = [];

    /// <summary>Overlay bars (histograms of several sides) instead of grouping them.</summary>
    [Parameter]
    public bool OverlayBars { get; set; }

    /// <summary>Logarithmic axes (e.g. a Zipf rank–frequency plot).</summary>
    [Parameter]
    public bool LogX { get; set; }

    [Parameter]
    public bool LogY { get; set; }

    /// <summary>File name of the exports without extension; defaults to the title in lower case with dashes.</summary>
    [Parameter]
    public string? FileName { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ILogger<AnalysisChart> Logger { get; set; } = default!;

    /// <summary>The chart element's id (what the image export hands to Plotly).</summary>
    public string ChartId => chartId;

    /// <summary>The CSV the CSV button downloads.</summary>
    public string Csv { get; private set; } = string.Empty;

    /// <summary>File name of the exports, without extension.</summary>
    public string BaseName => string.IsNullOrWhiteSpace(FileName) ? Slug(Title) : FileName;

    protected override void OnInitialized()
    {
        config = new Config { DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover, DisplayLogo = false, Responsive = true };
        layout = ChartStyle.CreateLayout(Title, YAxisTitle, DarkMode);
        layout.XAxis[0].Title.Text = XAxisTitle;
        layout.HoverMode = HoverModeEnum.Closest;
        layout.Height = 340;
        if (OverlayBars)
        {
            layout.BarMode = BarModeEnum.Overlay;
        }

        if (LogX)
        {
            layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log;
        }

        if (LogY)
        {
            layout.YAxis[0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log;
        }
    }

    protected override void OnParametersSet()
    {
        Csv = ChartCsv.Build(Traces);
        csvUrl = CsvFile.DataUrl(Csv);
    }

    private async Task DownloadImageAsync(string format)
    {
        var options = new ChartImageOptions(format, BaseName, ExportWidth, ExportHeight, format == "png" ? PngScale : 1);
        try
        {
            await JS.InvokeVoidAsync(DownloadFunction, chartId, options);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            Logger.LogWarning(ex, "Could not export chart {Title} as {Format}", Title, format);
        }
    }

    /// <summary>The chart's scatter traces as a paper figure (bars are left out).</summary>
    public Charts.Figures.FigureSpec ToFigure() => FigureSpecs.FromTraces(Traces, Title, XAxisTitle, YAxisTitle, BaseName, LogX, LogY);

    private Task ExportFigureAsync() => Dialogs.ShowFigureExportAsync(ToFigure());

    private static string Slug(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().TrimEnd('-');
        return slug.Length == 0 ? "chart" : slug;
    }
}

/// <summary>Options of <c>Plotly.downloadImage</c> (serialized camelCase: format, filename, width, height, scale).</summary>
public sealed record ChartImageOptions(string Format, string Filename, int Width, int Height, int Scale);
