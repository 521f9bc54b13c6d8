using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Regurgitate.Web.Components;

public partial class App
{
    /// <summary>The cookie that remembers the theme; read here so the first paint already has the right colours.</summary>
    public const string ThemeCookie = "regurgitate-theme";

    // No prerendering: every page holds live subscriptions and JS charts, which a static first pass would set up twice.
    private static readonly IComponentRenderMode PageRenderMode = new InteractiveServerRenderMode(prerender: false);

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private bool InitialDarkMode => HttpContext?.Request.Cookies[ThemeCookie] == "dark";

    // Only the first page of a visit is served this way; later pages render in the same circuit.
    private bool PreloadPlotly => HttpContext is { } http && Features.Charts.PlotlyAssets.PageHasCharts(http.Request.Path.Value ?? "/", http.Request.QueryString.Value);
}
