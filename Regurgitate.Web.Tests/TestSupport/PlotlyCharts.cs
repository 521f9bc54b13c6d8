using Microsoft.Playwright;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// Reads a chart's traces from its Plotly div (<c>gd.data</c>) rather than from drawn markers, which per-step curves
/// do not have: what the page holds is what the user sees and exports.
/// </summary>
public static class PlotlyCharts
{
    private const string FindTrace =
        "const gd = document.querySelector(`[data-testid=${chart}] .js-plotly-plot`); const t = gd && gd.data ? gd.data.find(d => d.name === trace) : null;";

    /// <summary>The trace's steps (x values) in the page now; empty when the chart or trace is not there yet.</summary>
    public static async Task<List<int>> StepsAsync(IPage page, string chart, string trace) =>
        [.. await page.EvaluateAsync<int[]>($"([chart, trace]) => {{ {FindTrace} return t ? Array.from(t.x, Number) : []; }}", new object[] { chart, trace })];

    /// <summary>Waits until the trace holds exactly <paramref name="count"/> points and the chart has drawn its lines.</summary>
    public static async Task ExpectPointCountAsync(IPage page, string chart, string trace, int count, float timeoutMs = 20_000)
    {
        try
        {
            await page.WaitForFunctionAsync(
                $"([chart, trace, count]) => {{ {FindTrace} return !!t && t.x.length === count && !!gd.querySelector('.scatterlayer .trace .js-line'); }}",
                new object[] { chart, trace, count },
                new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            var shown = await StepsAsync(page, chart, trace);
            throw new Xunit.Sdk.XunitException($"{chart} '{trace}' should hold {count} points drawn as a line; after {timeoutMs / 1000:0} s it holds {shown.Count}.");
        }
    }
}
