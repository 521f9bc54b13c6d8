using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>The real app's start-up scan catalogues the shared data; the Datasets page lists it and wmt22 shows GPT-4 beside the reference.</summary>
public sealed partial class DatasetsEndToEndTests : BrowserTestBase
{
    [Fact]
    public async Task The_catalogue_lists_the_shared_data_and_wmt22_shows_GPT4_next_to_the_human_reference()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(app.BaseAddress, "/datasets").ToString());

            // The start-up scan may still be running when the page opens; the page reloads when it ends.
            var gpt4 = page.Locator("[data-testid=datasets-table] tbody tr", new PageLocatorOptions { HasTextString = "wmt22/GPT-4" });
            await Assertions.Expect(gpt4).ToContainTextAsync("1,984", new() { Timeout = 60_000 });
            await Assertions.Expect(gpt4).ToContainTextAsync("available");
            await Assertions.Expect(page.GetByTestId("datasets-count")).ToHaveTextAsync(new Regex(@"^39 of 39 datasets$"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("datasets.png"), FullPage = true });

            await page.Locator("[data-testid=datasets-table] a[href='/datasets/wmt22']").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/datasets/wmt22$"));
            var table = page.GetByTestId("samples-table");
            await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["#", "German source", "Human reference", "GPT-4"]);
            var first = table.Locator("tbody tr").First;
            await Assertions.Expect(first.Locator(".source")).Not.ToBeEmptyAsync();
            await Assertions.Expect(first.Locator(".reference")).Not.ToBeEmptyAsync();
            await Assertions.Expect(first.Locator(".target[data-system='wmt22/GPT-4']")).Not.ToBeEmptyAsync();

            await page.GetByTestId("sample-viewer").FocusAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await Assertions.Expect(page.GetByTestId("page-info")).ToHaveTextAsync("11–20 of 1,984");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("dataset-wmt22.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }
}
