using System.Text.RegularExpressions;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// Where Plotly.Blazor loads Plotly from, exactly as it names them. Every chart uses the basic bundle (scatter and bar:
/// 1.1 MB of script instead of 4.9 MB). When a page with charts is opened, <c>js/charts.js</c> starts loading it through
/// Plotly.Blazor's own loader at once, so the script is parsed while the Blazor circuit starts instead of after the
/// first chart has rendered, and is still loaded once. Pages without charts skip it: parsing Plotly would only slow
/// their start. A test checks these strings against the Plotly.Blazor assembly, so an upgrade that renames them fails
/// there rather than silently loading Plotly twice.
/// </summary>
public static partial class PlotlyAssets
{
    /// <summary>Plotly.Blazor's interop module; importing the same URL gives the same module instance.</summary>
    public const string InteropModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";

    /// <summary>The basic bundle, as Plotly.Blazor passes it to the loader (the loader compares this exact string).</summary>
    public const string BasicScript = "./_content/Plotly.Blazor/plotly-basic-3.7.0.min.js";

    /// <summary>The id of the script element the loader creates and looks for.</summary>
    public const string ScriptElementId = "plotly-import";

    /// <summary>Whether the page at this address draws charts as soon as it opens (the comparison only with runs chosen).</summary>
    public static bool PageHasCharts(string path, string? query) =>
        ChartPage().IsMatch(path) || (ComparisonPage().IsMatch(path) && (query ?? string.Empty).Contains("runs=", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^/(runs/\d+|experiments/\d+(/(mechanisms|strategies))?|analysis)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ChartPage();

    [GeneratedRegex(@"^/compare/charts/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ComparisonPage();
}
