using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// A browser coming back to the app starts the page from its cache: the stylesheets and scripts the page links have
/// content-addressed URLs that are cached for good, also when the app runs as <c>dotnet run</c> starts it
/// (Development), so the browser does not ask the server about each of them (a round trip apiece, all before the
/// page's scripts can run) on every page it opens.
/// </summary>
public sealed class StaticAssetCachingEndToEndTests : BrowserTestBase
{
    private const float Slow = 30_000;

    // Stylesheets and scripts the page's first response links, as the browser fetched them: bytes over the wire (0
    // when the browser used its cache without asking) and whether Resource Timing had any.
    private const string LinkedAssets = """
        () => performance.getEntriesByType('resource')
          .filter(entry => entry.initiatorType === 'link' || (entry.initiatorType === 'script' && !entry.name.includes('plotly-basic')))
          .filter(entry => !entry.name.includes('/_blazor'))
          .map(entry => `${new URL(entry.name).pathname} ${entry.transferSize}`)
        """;

    private static string PathOf(string asset) => asset[..asset.LastIndexOf(' ')];

    [Fact]
    public async Task The_next_page_takes_its_stylesheets_and_scripts_from_the_cache_without_asking_the_server()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        var page = await Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/runs").ToString());
        var first = await page.EvaluateAsync<string[]>(LinkedAssets);

        await page.GotoAsync(new Uri(app.BaseAddress, "/experiments").ToString());
        await page.Locator("h1").First.WaitForAsync(new() { Timeout = Slow });
        var again = await page.EvaluateAsync<string[]>(LinkedAssets);

        // The first visit fetched them (MudBlazor's stylesheet and script, Blazor's, the app's own) ...
        Assert.True(first.Length >= 8, "linked on the first visit: " + string.Join(", ", first));
        Assert.DoesNotContain(first, asset => asset.EndsWith(" 0", StringComparison.Ordinal));
        // ... the next page used every one of them without a request (Plotly's bundle, loaded by Plotly.Blazor under
        // its plain name, is the one file still revalidated, and neither page loads it).
        var cached = again.Where(asset => asset.EndsWith(" 0", StringComparison.Ordinal)).Select(PathOf).ToHashSet();
        Assert.All(first.Select(PathOf), path => Assert.Contains(path, cached));
        Assert.All(again, asset => Assert.EndsWith(" 0", asset));
    }
}
