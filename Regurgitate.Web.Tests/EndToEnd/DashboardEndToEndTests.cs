using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>The real app in a child process, driven through headless Chromium.</summary>
public sealed partial class DashboardEndToEndTests : BrowserTestBase
{
    [Fact]
    public async Task A_stored_run_is_shown_from_the_database_with_its_curves_scores_and_encoded_samples()
    {
        var runId = await SeedCompletedRunAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
            await page.GotoAsync(new Uri(app.BaseAddress, "/runs").ToString());
            await Assertions.Expect(page.GetByTestId("runs-table")).ToContainTextAsync("28.40");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("runs-list.png") });
            await page.Locator("[data-testid=runs-table] tbody tr").First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/runs/{runId}$"));

            await Assertions.Expect(page.GetByTestId("test-bleu")).ToHaveTextAsync("28.40");
            await Assertions.Expect(page.GetByTestId("bleu-signature")).ToContainTextAsync("nrefs:1|case:mixed");
            await Assertions.Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed");
            await PlotlyCharts.ExpectPointCountAsync(page, "loss-chart", "train loss", 60);
            await Assertions.Expect(page.Locator("[data-testid=dev-chart] .scatterlayer .trace").First.Locator(".point")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByTestId("samples")).ToContainTextAsync("<b>fast</b>");
            Assert.Equal(0, await page.Locator("[data-testid=samples] b").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("run-page-light.png"), FullPage = true });

            await page.GetByLabel("Switch to dark theme").ClickAsync();
            await Assertions.Expect(page.GetByLabel("Switch to light theme")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("run-page-dark.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    [Fact]
    public async Task A_tiny_run_started_from_the_form_streams_curves_ends_with_a_test_BLEU_and_survives_a_restart()
    {
        string runPath;
        await using (var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory))
        {
            try
            {
                var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
                await page.GotoAsync(new Uri(app.BaseAddress, "/runs/new").ToString());
                await page.FillAsync("#experiment-name", "e2e-tiny");
                await page.Locator("div.mud-input-control.mud-select:has(#preset)").ClickAsync();
                await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "Tiny" }).ClickAsync();
                await page.FillAsync("#train-size", "1000");
                // Evaluate-every first: it must never exceed max steps, and a shorter run typed first would flag the default
                // as invalid until the circuit has caught up with the next field.
                await page.FillAsync("#evaluate-every", "20");
                await page.FillAsync("#max-steps", "40");
                await page.Locator("#max-steps").PressAsync("Tab");
                await Assertions.Expect(page.Locator("#evaluate-every")).Not.ToHaveAttributeAsync("aria-invalid", "true");
                await Assertions.Expect(page.Locator("#max-steps")).Not.ToHaveAttributeAsync("aria-invalid", "true");
                await page.GetByText("Advanced").ClickAsync();
                await Assertions.Expect(page.Locator("#vocab-size")).ToHaveValueAsync("1000");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("new-run-form.png"), FullPage = true });
                await page.GetByTestId("start-run").ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(RunUrl());
                runPath = new Uri(page.Url).AbsolutePath;

                // Each wait also ends as soon as the run stops early, so a failing engine fails the test at once, with its message.
                var live = page.Locator("[data-testid=loss-chart] .scatterlayer .js-line, [data-testid=run-message]").First;
                await Assertions.Expect(live).ToBeAttachedAsync(new() { Timeout = 120_000 });
                await FailIfEndedEarlyAsync(page);
                var finished = page.Locator("[data-testid=test-bleu], [data-testid=run-message]").First;
                await Assertions.Expect(finished).ToBeVisibleAsync(new() { Timeout = 240_000 });
                await FailIfEndedEarlyAsync(page);

                await Assertions.Expect(page.GetByTestId("test-bleu")).ToHaveTextAsync(BleuPattern());
                await Assertions.Expect(page.Locator("[data-testid=dev-chart] .scatterlayer .trace").First.Locator(".point")).ToHaveCountAsync(2);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("run-page-live.png"), FullPage = true });
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
            }
        }

        await using var restarted = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync();
            await page.GotoAsync(new Uri(restarted.BaseAddress, "/runs").ToString());
            var row = page.Locator("[data-testid=runs-table] tbody tr", new PageLocatorOptions { HasTextString = "e2e-tiny" });
            await Assertions.Expect(row).ToContainTextAsync("Completed");
            await Assertions.Expect(row).ToContainTextAsync("40 / 40");

            await page.GotoAsync(new Uri(restarted.BaseAddress, runPath).ToString());
            await Assertions.Expect(page.GetByTestId("test-bleu")).ToHaveTextAsync(BleuPattern());
            await PlotlyCharts.ExpectPointCountAsync(page, "loss-chart", "train loss", 40);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output (after restart) ---\n{restarted.Output}");
        }
    }

    private static async Task FailIfEndedEarlyAsync(IPage page)
    {
        if (await page.GetByTestId("run-message").CountAsync() > 0)
        {
            var status = await page.GetByTestId("run-status").TextContentAsync();
            throw new Xunit.Sdk.XunitException($"The run ended {status}: {await page.GetByTestId("run-message").TextContentAsync()}");
        }
    }

    private async Task<int> SeedCompletedRunAsync()
    {
        await Database.MigrateAsync();
        var store = new RunStore(Database.Factory, TimeProvider.System);
        var config = new RunConfig() with { Training = new TrainingConfig { MaxSteps = 60, EvaluateEvery = 20 } };
        var run = await store.CreateRunAsync("multi30k-small", config, CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        var points = new List<MetricSample>();
        for (var step = 1; step <= 60; step++)
        {
            points.Add(new(step, MetricNames.TrainLoss, (8.5 * Math.Exp(-step / 18.0)) + 2.2 + (0.15 * Math.Sin(step)), at));
            if (step % 20 == 0)
            {
                points.Add(new(step, MetricNames.DevLoss, (8.5 * Math.Exp(-step / 18.0)) + 2.6, at));
                points.Add(new(step, MetricNames.DevBleu, 9.0 * step / 20.0, at));
                points.Add(new(step, MetricNames.DevChrF, 25.0 + (8.0 * step / 20.0), at));
            }
        }

        var snapshot = RunStore.ToSnapshot(run) with
        {
            Status = RunStatus.Completed,
            Device = "cpu",
            ParameterCount = 11_712_512,
            Step = 60,
            MaxSteps = 60,
            PhaseMessage = "Done",
            TestBleu = 28.4,
            TestBleuSignature = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
            TestChrF = 55.1,
            TestChrFSignature = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
            Samples =
            [
                new TranslationSample("Ein Hund rennt <b>schnell</b> über die Wiese.", "A dog runs <b>fast</b> across the meadow.", "A dog runs across the meadow."),
                new TranslationSample("Zwei Männer spielen Fußball im Park.", "Two men play football in the park.", "Two men are playing soccer in a park."),
            ],
            SamplesSplit = EvaluationSplit.Test,
            SamplesStep = 60,
            StartedAt = at.AddMinutes(-14),
            FinishedAt = at,
        };
        await store.SaveProgressAsync(snapshot, points, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return run.Id;
    }

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunUrl();

    [GeneratedRegex(@"^\d+\.\d\d$")]
    private static partial Regex BleuPattern();
}
