using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// A researcher asks for all human references in a WMT22 spec pasted into the designer (the form shows the choice); the real app trains its one
/// toy run and the experiment page says which references scored it, with the signature's nrefs:2.
/// </summary>
public sealed class MultiReferenceEndToEndTests : BrowserTestBase
{
    private const string Spec = """
        {
          "name": "e2e toy: two references",
          "corpusId": "wmt22",
          "devSize": 8,
          "testSize": 12,
          "sizes": [40],
          "realFractions": [1],
          "seeds": [1],
          "model": { "vocabSize": 300, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0, "maxPositions": 64 },
          "training": { "epochs": 1, "maxSteps": 1000, "evaluateEvery": 1000, "tokensPerBatch": 512, "warmupSteps": 1, "maxTokensPerSentence": 40, "threads": 2 },
          "testDecoding": { "strategy": "greedy" },
          "references": "all"
        }
        """;

    [Fact]
    public async Task All_references_chosen_in_the_designer_score_the_run_with_nrefs_2_and_the_page_says_so()
    {
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/experiments/new").ToString());
        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await page.Locator("#spec-json-text").FillAsync(Spec);
        await page.GetByTestId("apply-json").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Form" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("spec-form")).ToContainTextAsync("All human references");
        await Assertions.Expect(page.GetByTestId("preview-runs")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("designer-references.png"), FullPage = true });
        await page.GetByTestId("launch").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/experiments/\d+"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("experiment-progress")).ToContainTextAsync("1 of 1", new() { Timeout = 240_000 });
        await Assertions.Expect(page.GetByTestId("experiment-references")).ToContainTextAsync("test references: all (A and B; scores show nrefs:2)");
        // The run's test BLEU carries its sacreBLEU signature as the cell's tooltip.
        await Assertions.Expect(page.GetByTestId("grid-runs").Locator("span[title^='nrefs:2|']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("experiment-references.png"), FullPage = true });
    }
}
