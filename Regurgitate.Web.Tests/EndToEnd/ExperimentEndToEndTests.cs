using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// A researcher pastes a (toy-sized) spec into the designer, sees the grid preview, launches it, and watches the real
/// app train the local generator and the grid until the learning curve shows both conditions; then opens the
/// experiment's mechanisms, measured on the pairs each run trained on.
/// </summary>
public sealed class ExperimentEndToEndTests : BrowserTestBase
{
    private const string Spec = """
        {
          "name": "e2e toy: real vs low",
          "corpusId": "multi30k",
          "devSize": 8,
          "testSize": 12,
          "sizes": [40, 80],
          "realFractions": [1, 0],
          "syntheticSources": [ { "generators": [ { "generatorId": "low" } ] } ],
          "generators": [ { "id": "low", "trainSize": 60, "beamSize": 2,
            "model": { "vocabSize": 300, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0, "maxPositions": 64 },
            "training": { "epochs": 1, "maxSteps": 1000, "evaluateEvery": 1000, "tokensPerBatch": 512, "warmupSteps": 4, "maxTokensPerSentence": 40, "threads": 2 } } ],
          "seeds": [1, 2],
          "model": { "vocabSize": 300, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0, "maxPositions": 64 },
          "training": { "epochs": 1, "maxSteps": 1000, "evaluateEvery": 1000, "tokensPerBatch": 512, "warmupSteps": 4, "maxTokensPerSentence": 40, "threads": 2 },
          "testDecoding": { "strategy": "greedy" }
        }
        """;

    [Fact]
    public async Task A_spec_launched_from_the_designer_runs_to_a_learning_curve_with_both_conditions_and_its_mechanisms()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await page.GotoAsync(new Uri(app.BaseAddress, "/experiments/new").ToString());
            await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
            await page.Locator("#spec-json-text").FillAsync(Spec);
            await page.GetByTestId("apply-json").ClickAsync();

            await Assertions.Expect(page.GetByTestId("preview-runs")).ToHaveTextAsync("8");
            await Assertions.Expect(page.GetByTestId("preview-generator-runs")).ToHaveTextAsync("1");
            await page.GetByTestId("launch").ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/experiments/\d+"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("experiment-progress")).ToContainTextAsync("8 of 8", new() { Timeout = 240_000 });
            await Assertions.Expect(page.GetByTestId("experiment-status")).ToHaveTextAsync("Finished", new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("generator-runs").Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("grid-runs").Locator("tbody tr")).ToHaveCountAsync(8);

            // Two conditions, each a mean line (the bands are extra traces without legend entries).
            var legend = page.GetByTestId("learning-curve").Locator(".legend .traces");
            await Assertions.Expect(legend).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("learning-curve")).ToContainTextAsync("real");
            await Assertions.Expect(page.GetByTestId("learning-curve")).ToContainTextAsync("low");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("experiment.png"), FullPage = true });

            // Mechanisms on the data each run trained on: a multi30k experiment with a local generator renders (it used
            // to fail, looking for the generated set's translations of the test split).
            await page.GetByTestId("experiment-mechanisms").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/experiments/\d+/mechanisms$"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("mechanisms-row")).ToHaveCountAsync(4, new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid^=mechanisms-chart-] .js-plotly-plot")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("mechanisms-error")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("mechanisms-size-note")).ToContainTextAsync("every condition has a completed run");
            await Assertions.Expect(page.GetByTestId("mechanisms-table")).ToContainTextAsync("real (real data, not in the fit)");
            await Assertions.Expect(page.GetByTestId("mechanisms-no-fit")).ToContainTextAsync("Only 2 run(s) with synthetic data");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("mechanisms.png"), FullPage = true });

            // The same training sets side by side in Compare datasets: the human references, then one column per run.
            var experimentId = Regex.Match(page.Url, @"/experiments/(\d+)/").Groups[1].Value;
            await page.GotoAsync(new Uri(app.BaseAddress, $"/analysis?experiment={experimentId}").ToString());
            await Assertions.Expect(page.GetByTestId("training-sets-run")).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("training-sets-run").ClickAsync();
            await Assertions.Expect(page.GetByTestId("analysis-side")).ToHaveCountAsync(5, new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("analysis-side").First).ToHaveTextAsync("human reference");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }
}
