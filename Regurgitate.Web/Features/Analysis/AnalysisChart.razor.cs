using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Regurgitate.Web.Features.Charts;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// A static Plotly chart in the workbench's paper style, with Plotly's modebar (its camera button downloads a PNG).
/// The traces are drawn once; give the component a new <c>@key</c> to draw new data.
/// </summary>
public partial class AnalysisChart
{
    private readonly string chartId = $"chart-{Guid.NewGuid():N}";
    private PlotlyChart? chart;
    private Config config = default!;
    private Plotly.Blazor.Layout layout = default!;

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

    [Parameter]
    public string? TestId { get; set; }

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

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
    }
}
