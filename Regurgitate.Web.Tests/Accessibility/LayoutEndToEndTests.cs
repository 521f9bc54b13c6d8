using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// Controls stay inside their cards on the experiment designer at common laptop widths, and a degenerate model output
/// wraps inside the run page's sample table instead of widening the page.
/// </summary>
public sealed class LayoutEndToEndTests : BrowserTestBase
{
    /// <summary>Sub-pixel rounding of borders and transforms.</summary>
    private const double Tolerance = 1.0;

    [Fact]
    public async Task Generator_and_source_controls_stay_inside_their_cards_at_1280_and_1440_pixels()
    {
        await Database.MigrateAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var escaped = new List<string>();
            foreach (var width in new[] { 1280, 1440 })
            {
                var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
                // (a) names published systems with long labels in its source pickers; (e) has local generators and a
                // source that mixes two: between them every kind of card and control.
                foreach (var template in new[] { "a", "e" })
                {
                    await page.GotoAsync(new Uri(app.BaseAddress, $"/experiments/new?template={template}").ToString());
                    await Assertions.Expect(page.GetByTestId($"template-{template}")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = 30_000 });
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"new-experiment-{template}-{width}.png"), FullPage = true });

                    escaped.AddRange(await ControlsOutsideAsync(page, "[data-testid=local-generator]", width));
                    escaped.AddRange(await ControlsOutsideAsync(page, "[data-testid=synthetic-source]", width));
                }

                await page.CloseAsync();
            }

            Assert.True(escaped.Count == 0, string.Join('\n', escaped));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [Fact]
    public async Task A_degenerate_output_of_two_thousand_characters_wraps_inside_the_sample_table()
    {
        var seed = await AuditData.SeedAsync(Database);
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync(new Uri(app.BaseAddress, $"/runs/{seed.FirstRunId}").ToString());
            var cell = page.Locator("[data-testid=samples] td.hypothesis").First;
            await Assertions.Expect(cell).ToHaveTextAsync(AuditData.DegenerateOutput, new() { Timeout = 30_000 });

            var samples = await BoxAsync(page.GetByTestId("samples"));
            var box = await BoxAsync(cell);
            Assert.True(box.X + box.Width <= samples.X + samples.Width + Tolerance,
                $"The output cell ends at x = {box.X + box.Width:F0}, past the samples card's right edge at {samples.X + samples.Width:F0}.");
            var pageOverflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(pageOverflow <= 0, $"The page scrolls sideways by {pageOverflow} px.");
            var tableOverflow = await page.Locator("[data-testid=samples] .mud-table-container, [data-testid=samples] table").First
                .EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
            Assert.True(tableOverflow <= 0, $"The sample table scrolls sideways by {tableOverflow} px.");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    /// <summary>Every input, select and button of each card whose box reaches past the card's box, one line each.</summary>
    private static async Task<IReadOnlyList<string>> ControlsOutsideAsync(IPage page, string cardSelector, int width)
    {
        var problems = new List<string>();
        var cards = page.Locator(cardSelector);
        for (var i = 0; i < await cards.CountAsync(); i++)
        {
            var card = await BoxAsync(cards.Nth(i));
            var controls = cards.Nth(i).Locator(".mud-input-control, button");
            for (var k = 0; k < await controls.CountAsync(); k++)
            {
                var control = await BoxAsync(controls.Nth(k));
                if (control.X < card.X - Tolerance || control.X + control.Width > card.X + card.Width + Tolerance
                    || control.Y < card.Y - Tolerance || control.Y + control.Height > card.Y + card.Height + Tolerance)
                {
                    var name = await controls.Nth(k).EvaluateAsync<string>("e => e.getAttribute('aria-label') || e.querySelector('label')?.textContent || e.textContent");
                    problems.Add($"{width} px, {cardSelector} #{i + 1}: '{name.Trim()}' at x {control.X:F0}..{control.X + control.Width:F0} "
                        + $"y {control.Y:F0}..{control.Y + control.Height:F0}, card x {card.X:F0}..{card.X + card.Width:F0} y {card.Y:F0}..{card.Y + card.Height:F0}");
                }
            }
        }

        return problems;
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException($"{locator} has no box (not visible).");
}
