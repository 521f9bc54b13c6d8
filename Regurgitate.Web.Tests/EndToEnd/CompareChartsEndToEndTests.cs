using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>The comparison charts page of the real app in Chromium: its view lives in the address and survives a reload.</summary>
public sealed partial class CompareChartsEndToEndTests : BrowserTestBase
{
    // The page starts a circuit and loads Plotly after every reload; on a shared 2-core machine that can take seconds.
    private const float Slow = 30_000;

    [Fact]
    public async Task Changing_the_smoothing_is_kept_in_the_address_and_restored_after_a_reload()
    {
        var (first, second) = await SeedTwoRunsAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 }, AcceptDownloads = true });
            // A chart page loads Plotly while the circuit starts (charts.js preloads it): before the page has rendered anything.
            await page.RouteAsync("**/_framework/blazor.web*.js", route => route.AbortAsync());
            await page.GotoAsync(new Uri(app.BaseAddress, $"/compare/charts?runs={first},{second}").ToString());
            await page.WaitForFunctionAsync("() => !!window.Plotly", null, new PageWaitForFunctionOptions { Timeout = Slow });
            await page.UnrouteAsync("**/_framework/blazor.web*.js");
            await page.GotoAsync(new Uri(app.BaseAddress, $"/compare/charts?runs={first},{second}").ToString());
            var lines = page.Locator("[data-testid=compare-chart] .scatterlayer .trace");
            await Assertions.Expect(lines).ToHaveCountAsync(4, new() { Timeout = Slow });
            await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("EMA 0.6", new() { Timeout = Slow });
            // The page preloads Plotly's basic bundle through Plotly.Blazor's loader; the chart then finds it instead of loading another.
            var scripts = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('script[src*=plotly]'), s => s.id + ' ' + s.getAttribute('src'))");
            Assert.Equal(["plotly-import ./_content/Plotly.Blazor/plotly-basic-3.7.0.min.js"], scripts);

            // The chart's data download is streamed from the server and saved by the page.
            await page.GetByTestId("chart-export").ClickAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-long").ClickAsync(), new() { Timeout = Slow });
            var csv = await File.ReadAllLinesAsync(await download.PathAsync());
            Assert.Equal("series,kind,runs,x,y,lower,upper", csv[0]);
            Assert.True(csv.Length > 4, $"{csv.Length} lines");

            await page.Locator("div.mud-input-control.mud-select:has([data-testid=option-smoothing])").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "Gaussian" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(SmoothedUrl(), new() { Timeout = Slow });
            await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("Gaussian sigma=5", new() { Timeout = Slow });

            await page.ReloadAsync();
            await Assertions.Expect(page).ToHaveURLAsync(SmoothedUrl(), new() { Timeout = Slow });
            await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("Gaussian sigma=5", new() { Timeout = Slow });
            await Assertions.Expect(lines).ToHaveCountAsync(4, new() { Timeout = Slow });
            await Assertions.Expect(page.Locator("input[data-testid=select-run-" + first + "]")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("div.mud-input-control.mud-select:has([data-testid=option-smoothing]) input").First).ToHaveValueAsync(new Regex("Gaussian"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("compare-charts.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [Fact]
    public async Task The_runs_table_comes_with_the_first_response_and_stays_on_screen_while_the_circuit_takes_over()
    {
        var (first, _) = await SeedTwoRunsAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
            var ticks = page.Locator("tr.compare-run-row input.run-select");

            // Without a circuit at all, the rows are there (prerendered), their ticks disabled until it starts.
            await page.RouteAsync("**/_framework/blazor.web*.js", route => route.AbortAsync());
            await page.GotoAsync(new Uri(app.BaseAddress, "/compare/charts").ToString());
            await Assertions.Expect(ticks).ToHaveCountAsync(2);
            await Assertions.Expect(ticks.First).ToBeDisabledAsync();
            await page.UnrouteAsync("**/_framework/blazor.web*.js");

            // With the circuit: from their first appearance to the end, the rows never leave the page (a loading
            // state in between would be a separate render batch, so an observer would see zero rows).
            await page.AddInitScriptAsync("""
                (() => {
                  window.__rowsSeen = false; window.__rowsVanished = false;
                  new MutationObserver(() => {
                    const rows = document.querySelectorAll('tr.compare-run-row').length;
                    if (rows > 0) { window.__rowsSeen = true; } else if (window.__rowsSeen) { window.__rowsVanished = true; }
                  }).observe(document, { childList: true, subtree: true });
                })();
                """);
            await page.GotoAsync(new Uri(app.BaseAddress, "/compare/charts").ToString());
            var tick = page.Locator($"input[data-testid=select-run-{first}]");
            await Assertions.Expect(tick).ToBeEnabledAsync(new() { Timeout = Slow });
            await tick.CheckAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"runs={first}$"), new() { Timeout = Slow });
            await Assertions.Expect(page.Locator("[data-testid=compare-chart] .scatterlayer .trace")).ToHaveCountAsync(2, new() { Timeout = Slow });
            Assert.True(await page.EvaluateAsync<bool>("() => window.__rowsSeen"));
            Assert.False(await page.EvaluateAsync<bool>("() => window.__rowsVanished"), "The prerendered rows left the page while the circuit started.");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [Fact]
    public async Task The_legend_is_the_pages_own_hides_a_line_by_keyboard_and_Plotly_measures_no_label()
    {
        var (first, second) = await SeedTwoRunsAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
            // Every forced layout Plotly asks for while drawing: its text measuring (Drawing.bBox) reads element boxes
            // in the plot or in its hidden tester. Plotly's own legend and its tick-label overflow check measured each
            // label, one forced layout each (issue 20).
            await page.AddInitScriptAsync("""
                (() => {
                  window.__plotlyBoxReads = 0;
                  const read = Element.prototype.getBoundingClientRect;
                  Element.prototype.getBoundingClientRect = function () {
                    if (this.closest && (this.closest('.js-plotly-plot') || this.closest('#js-plotly-tester'))) { window.__plotlyBoxReads++; }
                    return read.call(this);
                  };
                })();
                """);
            await page.GotoAsync(new Uri(app.BaseAddress, $"/compare/charts?runs={first},{second}").ToString());
            var lines = page.Locator("[data-testid=compare-chart] .scatterlayer .trace");
            await Assertions.Expect(lines).ToHaveCountAsync(4, new() { Timeout = Slow });
            var boxReads = await page.EvaluateAsync<int>("() => window.__plotlyBoxReads");
            // 87 with Plotly's legend and overflow check, 35 without (the axes' labels and titles).
            Assert.True(boxReads <= 40, $"Plotly read {boxReads} element boxes while drawing two runs");

            var entries = page.GetByTestId("legend-entry");
            await Assertions.Expect(entries).ToHaveCountAsync(2);
            await Assertions.Expect(entries.First).ToHaveAttributeAsync("aria-pressed", "true");
            await entries.First.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(entries.First).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = Slow });
            await Assertions.Expect(lines).ToHaveCountAsync(2, new() { Timeout = Slow });
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(lines).ToHaveCountAsync(4, new() { Timeout = Slow });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [GeneratedRegex("smooth=gaussian&sp=5")]
    private static partial Regex SmoothedUrl();

    private async Task<(int First, int Second)> SeedTwoRunsAsync()
    {
        await Database.MigrateAsync();
        await using var context = await Database.Factory.CreateDbContextAsync();
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var experiment = new Experiment { Name = "compare-e2e", CreatedAt = start };
        context.Experiments.Add(experiment);
        await context.SaveChangesAsync();
        var ids = new List<int>();
        foreach (var seed in new[] { 1, 2 })
        {
            var run = new Run
            {
                ExperimentId = experiment.Id, ConfigJson = $$"""{"corpusId":"multi30k","seed":{{seed}}}""", CorpusId = "multi30k", Condition = "real",
                TrainSize = 1000, Seed = seed, Status = RunStatus.Completed, MaxSteps = 30, LastStep = 30, CreatedAt = start, StartedAt = start,
            };
            for (var step = 1; step <= 30; step++)
            {
                run.MetricPoints.Add(new MetricPoint { Step = step, Name = MetricNames.TrainLoss, Value = 8.0 / step + seed * 0.1 + (step % 4) * 0.05, Timestamp = start.AddSeconds(step) });
            }

            context.Runs.Add(run);
            await context.SaveChangesAsync();
            ids.Add(run.Id);
        }

        return (ids[0], ids[1]);
    }
}
