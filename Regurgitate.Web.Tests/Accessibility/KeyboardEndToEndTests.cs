using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Accessibility;

/// <summary>
/// The designer's chips by keyboard alone: Tab reaches each chip, Delete and Backspace remove it, and the focused chip
/// shows a focus ring with at least 3:1 contrast against the page behind it (WCAG 2.2, 1.4.11 and 2.4.13).
/// </summary>
public sealed partial class KeyboardEndToEndTests : BrowserTestBase
{
    [Fact]
    public async Task Chips_are_reached_by_Tab_removed_by_Delete_or_Backspace_and_show_a_contrasting_focus_ring()
    {
        await Database.MigrateAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync(new Uri(app.BaseAddress, "/experiments/new").ToString());
            var chips = page.Locator("[data-testid=spec-sizes] [data-testid=chip]");
            await Assertions.Expect(chips).ToHaveTextAsync(["300", "600", "1200"], new() { Timeout = 30_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            await KeyboardFocus.TabToAsync(page, page.Locator("#spec-sizes"), 1, chips.First);
            var ring = await FocusRingAsync(page);
            for (var attempt = 1; !(ring.Style == "solid" && ring.Width >= 2) && attempt < 3; attempt++)
            {
                // On loaded cores the chip set's own focus call after a render (programmatic, so not :focus-visible) can
                // land after the Tab and hide the ring (seen once in CI); a person's next Tab shows it, so Tab again.
                await page.WaitForTimeoutAsync(500);
                await KeyboardFocus.TabToAsync(page, page.Locator("#spec-sizes"), 1, chips.First);
                ring = await FocusRingAsync(page);
            }

            Assert.True(ring.Style == "solid" && ring.Width >= 2, $"The focused chip's outline is {ring.Style} {ring.Width} px, not a solid ring of 2 px or more.");
            var contrast = ContrastRatio(ring.Color, ring.Behind);
            Assert.True(contrast >= 3, $"The focus ring {ring.Color} has {contrast:F2}:1 against {ring.Behind}; WCAG 2.2 asks for 3:1.");

            await page.Keyboard.PressAsync("Delete");
            await Assertions.Expect(chips).ToHaveTextAsync(["600", "1200"]);

            // Focus stays among the chips, so removing several is one key press each. The chip keeps the focus it had
            // and the component focuses it again after its render; on loaded cores that call can land after the next
            // Tab and pull the focus back (seen in CI), so the Tab is retried from the first chip.
            await Assertions.Expect(chips.First).ToBeFocusedAsync();
            // The removal also recomputes the preview after its quiet time, and that render focuses the first chip again:
            // a Tab before it lost the focus just before Backspace, which then removed 600 (seen once in CI). So wait for
            // the preview, and check the focus is still on the second chip a moment after the Tab.
            await Assertions.Expect(page.GetByTestId("preview-runs")).ToHaveTextAsync("24");
            await KeyboardFocus.TabToAsync(page, chips.First, 1, chips.Nth(1), holdFor: TimeSpan.FromMilliseconds(300));
            await page.Keyboard.PressAsync("Backspace");
            await Assertions.Expect(chips).ToHaveTextAsync(["600"]);
            await Assertions.Expect(page.GetByTestId("preview-runs")).ToHaveTextAsync("12");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    /// <summary>The focused element's outline, and the first opaque background colour behind it.</summary>
    private static async Task<(string Style, double Width, string Color, string Behind)> FocusRingAsync(IPage page)
    {
        var ring = await page.EvaluateAsync<string[]>("""
            () => {
                const e = document.activeElement;
                const style = getComputedStyle(e);
                let behind = 'rgb(255, 255, 255)';
                for (let p = e.parentElement; p; p = p.parentElement) {
                    const bg = getComputedStyle(p).backgroundColor;
                    if (bg && bg !== 'transparent' && !bg.startsWith('rgba(0, 0, 0, 0)')) { behind = bg; break; }
                }
                return [style.outlineStyle, style.outlineWidth, style.outlineColor, behind];
            }
            """);
        return (ring[0], double.Parse(ring[1].Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), ring[2], ring[3]);
    }

    /// <summary>WCAG contrast ratio of two CSS <c>rgb()</c>/<c>rgba()</c> colours (alpha ignored: both are opaque here).</summary>
    private static double ContrastRatio(string first, string second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string cssColor)
    {
        var parts = RgbPattern().Match(cssColor);
        Assert.True(parts.Success, $"Not an rgb() colour: {cssColor}");
        double Channel(int group)
        {
            var c = double.Parse(parts.Groups[group].Value, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    [GeneratedRegex(@"rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)")]
    private static partial Regex RgbPattern();
}
