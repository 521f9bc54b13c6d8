using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>The real app compares WMT22's human reference with GPT-4 on a 300-sentence sample: table, charts and worst sentences.</summary>
public sealed class AnalysisEndToEndTests : BrowserTestBase
{
    [Fact]
    public async Task The_address_chooses_GPT4_on_wmt22_and_Run_shows_the_comparison()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(app.BaseAddress, "/analysis?corpus=wmt22&sets=wmt22/GPT-4&sample=300").ToString());
            await Assertions.Expect(page.GetByTestId("analysis-empty")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // The button is enabled once the circuit is interactive.
            await Assertions.Expect(page.GetByTestId("analysis-run")).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("analysis-run").ClickAsync();

            var table = page.GetByTestId("analysis-metrics-table");
            await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["Metric", "human reference", "GPT-4"], new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("analysis-summary")).ToContainTextAsync("300 sentences per side");
            await Assertions.Expect(page.GetByTestId("worst-row")).ToHaveCountAsync(20);
            await Assertions.Expect(page.Locator("[data-testid=analysis-chrf-chart] .js-plotly-plot")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=analysis-heaps-chart] .js-plotly-plot")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=analysis-zipf-chart] .js-plotly-plot")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=analysis-length-chart] .js-plotly-plot")).ToHaveCountAsync(1);

            // The image exports go through Plotly.downloadImage in the Chromium.
            var zipf = page.GetByTestId("analysis-zipf-chart");
            var svg = await page.RunAndWaitForDownloadAsync(() => zipf.GetByTestId("chart-export-svg").ClickAsync(), new() { Timeout = 30_000 });
            Assert.Equal("zipf.svg", svg.SuggestedFilename);
            var svgText = await File.ReadAllTextAsync(await svg.PathAsync());
            Assert.StartsWith("<svg", svgText, StringComparison.Ordinal);
            Assert.Contains("GPT-4", svgText, StringComparison.Ordinal);
            var png = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("analysis-length-chart").GetByTestId("chart-export-png").ClickAsync(), new() { Timeout = 30_000 });
            Assert.Equal("sentence-length.png", png.SuggestedFilename);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(await png.PathAsync()))[..4]);
            var chartCsv = await zipf.GetByTestId("chart-export-csv").GetAttributeAsync("href");
            Assert.StartsWith("series,x,y\r\nhuman reference,1,", Uri.UnescapeDataString(chartCsv!["data:text/csv;charset=utf-8,".Length..]), StringComparison.Ordinal);

            var csv = await page.GetByTestId("analysis-metrics-csv").GetAttributeAsync("href");
            Assert.StartsWith("data:text/csv", csv, StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("analysis-wmt22.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }
}
