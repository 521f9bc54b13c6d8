using Microsoft.AspNetCore.Components;
using MudBlazor;
using Plotly.Blazor;
using Plotly.Blazor.ConfigLib;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// What every live Plotly chart of the workbench holds: the plot element and its id, the config, layout and traces
/// handed to Plotly, whether the first plot has been drawn, the page's dark mode, and the "Export figure" dialog.
/// A chart's <c>.razor</c> says <c>@inherits</c> this (or <see cref="ReactOnChangeChartBase"/>) and binds
/// <c>&lt;PlotlyChart @ref="Chart" Id="@ChartId" Config="Config" Layout="Layout" Data="Data" AfterRender="OnPlotReady" /&gt;</c>.
/// </summary>
public abstract class PlotlyChartBase : ComponentBase
{
    /// <param name="idPrefix">Start of the plot element's id; a fresh GUID makes it unique on the page.</param>
    /// <param name="modeBar">When Plotly shows its toolbar.</param>
    protected PlotlyChartBase(string idPrefix, DisplayModeBarEnum modeBar)
    {
        ChartId = $"{idPrefix}-{Guid.NewGuid():N}";
        Config = new Config { DisplayModeBar = modeBar, DisplayLogo = false, Responsive = true };
    }

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter(Name = "DarkMode")]
    protected bool DarkMode { get; set; }

    protected string ChartId { get; }

    protected PlotlyChart? Chart { get; set; }

    protected Config Config { get; }

    protected Plotly.Blazor.Layout Layout { get; set; } = default!;

    // Plotly.Blazor keeps the list it was given: change its contents, never the reference.
    protected List<ITrace> Data { get; } = [];

    /// <summary>Whether the first plot exists in the browser; until then there is nothing to update.</summary>
    protected bool PlotReady { get; private set; }

    /// <summary>The chart as a paper figure, what the export dialog receives.</summary>
    public abstract FigureSpec ToFigure();

    protected Task ExportFigureAsync() => Dialogs.ShowFigureExportAsync(ToFigure());

    // Plotly.Blazor calls this once the first plot is drawn.
    protected virtual void OnPlotReady() => PlotReady = true;
}
