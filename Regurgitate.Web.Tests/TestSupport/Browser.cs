using Microsoft.Playwright;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Headless Debian Chromium driven by Playwright (Playwright's own browser download is not used).</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// How long an expectation waits. Playwright's 5 s default is too short when the suite's test apps, browsers and
    /// training runs share two cores (a page that renders in 300 ms alone took over 5 s there); 20 s still fails fast.
    /// </summary>
    public const float ExpectTimeoutMilliseconds = 20_000;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMilliseconds);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Screenshots go beside the test assembly, for a person to look at after the run.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
