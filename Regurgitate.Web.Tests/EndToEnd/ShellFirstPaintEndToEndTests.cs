using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// No white page while the circuit starts: the first response of every page already holds the navigation and a
/// loading state (or, for a page that prerenders its content, that content), so the browser paints them before the
/// circuit has rendered the page.
/// </summary>
public sealed class ShellFirstPaintEndToEndTests : BrowserTestBase
{
    // A circuit's start can take seconds on a shared 2-core machine.
    private const float Slow = 30_000;

    // Records when the circuit first rendered the page: its heading is the first thing only the page renders.
    private const string HeadingProbe = """
        (() => {
          new MutationObserver((_, observer) => {
            if (document.querySelector('h1') && window.__headingAt === undefined) {
              window.__headingAt = performance.now();
              observer.disconnect();
            }
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    [Fact]
    public async Task The_first_response_of_every_page_holds_the_navigation_and_a_loading_state()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var missing = new List<string>();
        foreach (var path in new[] { "/", "/runs", "/runs/new", "/experiments", "/experiments/new", "/datasets", "/compare", "/compare/charts?runs=1,2", "/analysis", "/no-such-page" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            // The comparison charts page without a chart prerenders its content (here, with no runs yet, its empty state).
            var content = path == "/compare/charts" ? "data-testid=\"compare-runs-empty\"" : "data-testid=\"page-loading\"";
            missing.AddRange(new[] { "href=\"/runs\"", "href=\"/compare/charts\"", content }
                .Where(part => !html.Contains(part, StringComparison.Ordinal))
                .Select(part => $"{path}: no {part}"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_shell_is_painted_before_the_circuit_renders_the_page_and_then_gives_way_to_it()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await page.AddInitScriptAsync(HeadingProbe);

        await page.GotoAsync(new Uri(app.BaseAddress, "/runs").ToString());
        await page.Locator("h1").First.WaitForAsync(new() { Timeout = Slow });

        var times = await page.EvaluateAsync<double[]>(
            "() => [performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1, window.__headingAt]");
        var (firstPaint, heading) = (times[0], times[1]);
        Assert.True(firstPaint > 0, "The browser reported no first contentful paint.");
        Assert.True(firstPaint < heading, $"First contentful paint at {firstPaint:F0} ms came after the page's heading at {heading:F0} ms: nothing was painted before the circuit rendered.");
        await Assertions.Expect(page.GetByTestId("page-loading")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-nav-link[href='/runs']")).ToBeVisibleAsync();
    }
}
