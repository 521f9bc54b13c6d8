using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Regurgitate.Web.Security;

namespace Regurgitate.Web.Components;

public partial class App
{
    /// <summary>The cookie that remembers the theme; read here so the first paint already has the right colours.</summary>
    public const string ThemeCookie = "regurgitate-theme";

    // Prerendered, so the first response already paints the shell (app bar, navigation, a loading state) instead of a
    // white page until the circuit has started. Only the layout prerenders: MainLayout leaves the page out of the static
    // pass, because pages hold live subscriptions and JS charts that a static first pass would set up twice; a page
    // that keeps those to the circuit says so with PrerenderContentAttribute and is prerendered whole.
    private static readonly IComponentRenderMode PageRenderMode = new InteractiveServerRenderMode(prerender: true);

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject]
    private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    [Inject]
    private IOptions<SecurityOptions> Security { get; set; } = default!;

    private string? CspNonce => HttpContext is { } http ? TransportSecurity.Nonce(http) : null;

    /// <summary>The token the app bar's sign-out form posts (the interactive layout cannot read the request); only with a login.</summary>
    private AntiforgeryRequestToken? SignOutToken => Security.Value.AllowRemote ? Antiforgery.GetAntiforgeryToken() : null;

    private bool InitialDarkMode => HttpContext?.Request.Cookies[ThemeCookie] == "dark";

    // Only the first page of a visit is served this way; later pages render in the same circuit.
    private bool PreloadPlotly => HttpContext is { } http && Features.Charts.PlotlyAssets.PageHasCharts(http.Request.Path.Value ?? "/", http.Request.QueryString.Value);
}
