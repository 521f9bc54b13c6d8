using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// A comparison built by hand in Chromium (two runs ticked, Gaussian smoothing) exported through the figure dialog as
/// SVG, PNG, PDF and CSV downloads, then four runs grouped by condition exported with their bands. With
/// <c>REGURGITATE_SCREENSHOTS=1</c> it refreshes <c>docs/images/compare-charts.png</c> and <c>compare-figure.svg</c>.
/// </summary>
public sealed partial class CompareFigureExportEndToEndTests : BrowserTestBase
{
    private const int Steps = 120;

    // Each step waits this long at most: the page starts a circuit and loads Plotly, slow on two shared cores.
    private const float Slow = 30_000;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task A_smoothed_comparison_exports_as_SVG_PNG_PDF_and_CSV_and_its_groups_with_bands()
    {
        var runs = await SeedRunsAsync();
        var screenshots = Environment.GetEnvironmentVariable("REGURGITATE_SCREENSHOTS") == "1";
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory);
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 }, AcceptDownloads = true });
            await page.GotoAsync(new Uri(app.BaseAddress, "/compare/charts").ToString());
            var (real1, real2) = (runs[0], runs[1]);
            await page.Locator($"input[data-testid=select-run-{real1.Id}]").CheckAsync(new() { Timeout = 2 * Slow });
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"runs={real1.Id}$"), new() { Timeout = Slow });
            await page.Locator($"input[data-testid=select-run-{real2.Id}]").CheckAsync(new() { Timeout = Slow });
            await page.Locator("div.mud-input-control.mud-select:has([data-testid=option-smoothing])").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "Gaussian" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"runs={real1.Id},{real2.Id}&smooth=gaussian&sp=5"), new() { Timeout = Slow });
            var lines = page.Locator("[data-testid=compare-chart] .scatterlayer .trace");
            await Assertions.Expect(lines).ToHaveCountAsync(4, new() { Timeout = Slow });
            await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("Gaussian sigma=5", new() { Timeout = Slow });

            await page.Locator("[data-testid=compare-chart] [data-testid=export-figure]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=figure-preview] svg")).ToHaveAttributeAsync("width", "3.5in", new() { Timeout = Slow });
            await page.FillAsync("#figure-dpi", "200");
            await Assertions.Expect(page.GetByTestId("figure-size")).ToContainTextAsync("700 × 434 px at 200 dpi", new() { Timeout = Slow });
            await Assertions.Expect(page.GetByTestId("figure-caption")).ToContainTextAsync(
                $"one line per run (#{real1.Id}, seed 1; #{real2.Id}, seed 2); faint lines: the unsmoothed values. Smoothing: Gaussian sigma=5 points.", new() { Timeout = Slow });

            var svg = SvgRoot(await FigureExportEndToEndTests.DownloadAsync(page, "figure-export-svg", $"runs-{real1.Id}-{real2.Id}-train-loss-vs-step.svg"));
            Assert.Equal("3.5in", (string?)svg.Attribute("width"));
            Assert.Equal([real1.Label, real2.Label], Paths(svg, "series").Select(p => p.Element(Svg + "title")!.Value));
            Assert.Equal(2, Paths(svg, "series-raw").Count);
            Assert.Empty(Paths(svg, "band"));

            var png = await FigureExportEndToEndTests.DownloadAsync(page, "figure-export-png", $"runs-{real1.Id}-{real2.Id}-train-loss-vs-step.png");
            Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
            Assert.Equal((int)(3.5 * 200), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(434, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

            var (width, height) = PdfStructure.AssertValidAndReadMediaBox(await FigureExportEndToEndTests.DownloadAsync(page, "figure-export-pdf", $"runs-{real1.Id}-{real2.Id}-train-loss-vs-step.pdf"));
            Assert.Equal(3.5 * 72, width);
            Assert.Equal(2.17 * 72, height, 2);

            var csv = Encoding.UTF8.GetString(await FigureExportEndToEndTests.DownloadAsync(page, "figure-export-csv", $"runs-{real1.Id}-{real2.Id}-train-loss-vs-step.csv"))
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("series,x,y", csv[0]);
            foreach (var run in new[] { real1, real2 })
            {
                Assert.Equal(Steps, csv.Count(l => l.StartsWith(run.Label + ",", StringComparison.Ordinal)));
                Assert.Equal(Steps, csv.Count(l => l.StartsWith(run.Label + " (raw),", StringComparison.Ordinal)));
            }

            Assert.Equal(1 + (4 * Steps), csv.Length);
            await page.GetByTestId("figure-export-close").ClickAsync();

            // The other condition's two seeds join, and the four runs are grouped by condition: two means with bands.
            await page.Locator($"input[data-testid=select-run-{runs[2].Id}]").CheckAsync(new() { Timeout = Slow });
            await page.Locator($"input[data-testid=select-run-{runs[3].Id}]").CheckAsync(new() { Timeout = Slow });
            await Assertions.Expect(lines).ToHaveCountAsync(8, new() { Timeout = Slow });
            await page.Locator("div.mud-input-control.mud-select:has([data-testid=option-group])").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextRegex = new Regex("^Condition$") }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("chart-summary")).ToContainTextAsync("grouped by Condition", new() { Timeout = Slow });
            // Two bands, two faint raw means and two smoothed means.
            await Assertions.Expect(lines).ToHaveCountAsync(6, new() { Timeout = Slow });
            if (screenshots)
            {
                // Tall enough for the ticked runs, the options and the chart; the pointer away so no hover label covers a curve.
                await page.SetViewportSizeAsync(1400, 1560);
                await page.Mouse.MoveAsync(5, 1555);
                await page.WaitForTimeoutAsync(1000);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = FigureExportEndToEndTests.DocsImage("compare-charts.png") });
            }

            await page.Locator("[data-testid=compare-chart] [data-testid=export-figure]").ClickAsync();
            await Assertions.Expect(page.GetByTestId("figure-caption")).ToContainTextAsync("Mean over 2 seeds (1, 2). Shaded: mean ± one sample standard deviation over runs.", new() { Timeout = Slow });
            var grouped = await FigureExportEndToEndTests.DownloadAsync(page, "figure-export-svg", $"runs-{string.Join("-", runs.Select(r => r.Id).Order())}-train-loss-vs-step.svg");
            var groupedSvg = SvgRoot(grouped);
            Assert.Equal(["Condition = 50% real (n=2)", "Condition = real (n=2)"], Paths(groupedSvg, "series").Select(p => p.Element(Svg + "title")!.Value));
            Assert.Equal(2, Paths(groupedSvg, "band").Count);
            if (screenshots)
            {
                await File.WriteAllBytesAsync(FigureExportEndToEndTests.DocsImage("compare-figure.svg"), grouped);
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    private static XElement SvgRoot(byte[] svg) => XDocument.Parse(Encoding.UTF8.GetString(svg)).Root!;

    private static List<XElement> Paths(XElement svg, string role) =>
        [.. svg.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == role)];

    // Two conditions × two seeds of a noisy decaying loss; the half-synthetic condition ends higher.
    private async Task<IReadOnlyList<(int Id, string Label)>> SeedRunsAsync()
    {
        await Database.MigrateAsync();
        await using var context = await Database.Factory.CreateDbContextAsync();
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var experiment = new Experiment { Name = "compare-figure", CreatedAt = start };
        context.Experiments.Add(experiment);
        await context.SaveChangesAsync();
        var seeded = new List<(int, string)>();
        foreach (var (condition, floor) in new[] { ("real", 2.3), ("50% real", 2.7) })
        {
            foreach (var seed in new[] { 1, 2 })
            {
                var run = new Run
                {
                    ExperimentId = experiment.Id, ConfigJson = $$"""{"corpusId":"multi30k","seed":{{seed}}}""", CorpusId = "multi30k", Condition = condition,
                    TrainSize = 1000, Seed = seed, Status = RunStatus.Completed, MaxSteps = Steps, LastStep = Steps, CreatedAt = start, StartedAt = start,
                };
                var noise = new Random((seed * 31) + condition.Length);
                for (var step = 1; step <= Steps; step++)
                {
                    var value = floor + (0.3 * seed) + (5.5 * Math.Exp(-step / 22.0)) + (0.35 * (noise.NextDouble() - 0.5));
                    run.MetricPoints.Add(new MetricPoint { Step = step, Name = MetricNames.TrainLoss, Value = value, Timestamp = start.AddSeconds(step) });
                }

                context.Runs.Add(run);
                await context.SaveChangesAsync();
                seeded.Add((run.Id, $"#{run.Id} {condition} n=1000 s{seed}"));
            }
        }

        return seeded;
    }
}
