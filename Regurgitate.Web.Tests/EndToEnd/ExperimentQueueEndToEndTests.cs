using Microsoft.Playwright;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// The first pages a researcher sees, in the real app: the home page, and an experiment that waits behind another
/// experiment's runs, with its queue position, what runs ahead and when its grid ends. The app executes no run here
/// (its queue is limited to an experiment that does not exist); the running run belongs to "another process" whose lease holds.
/// </summary>
public sealed class ExperimentQueueEndToEndTests : BrowserTestBase
{
    private const double SecondsPerStep = 0.8;

    [Fact]
    public async Task The_home_page_leads_to_a_new_experiment_and_a_waiting_experiment_says_why_and_when_its_grid_ends()
    {
        await Database.MigrateAsync();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, new Dictionary<string, string> { ["Regurgitate__Runs__OnlyExperiment"] = "executes-nothing" });

        // Seeded once the app has started: at start-up it marks experiments left running by a stopped app as stopped.
        var (study, running) = await SeedAsync();
        try
        {
            var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            await page.GotoAsync(app.BaseAddress.ToString());
            await Assertions.Expect(page.GetByTestId("home-new-experiment")).ToHaveAttributeAsync("href", "/experiments/new");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("home.png") });

            await page.GotoAsync(new Uri(app.BaseAddress, $"/experiments/{study}").ToString());
            await Assertions.Expect(page.GetByTestId("queue-summary")).ToContainTextAsync("number 2 in the queue");
            await Assertions.Expect(page.GetByTestId("queue-ahead")).ToContainTextAsync($"run #{running} running, step 1,200 / 2,400");
            // (1,200 steps left of the running run + 2,400 of the one queued ahead + 3 × 600 of the study's) × 0.8 s = 1 h 12 min.
            await Assertions.Expect(page.GetByTestId("grid-eta")).ToContainTextAsync("Whole grid done in about 1 h 12 min");
            await Assertions.Expect(page.GetByTestId("experiment-status")).ToHaveTextAsync("Running");
            await Assertions.Expect(page.Locator(".js-plotly-plot").First).ToBeAttachedAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("experiment-waiting.png"), FullPage = true });

            await page.GotoAsync(new Uri(app.BaseAddress, $"/runs/{running}").ToString());
            await Assertions.Expect(page.GetByTestId("run-step")).ToHaveTextAsync("Step 1,200 / 2,400");
            await PlotlyCharts.ExpectPointCountAsync(page, "loss-chart", "train loss", 1_200);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("run-running.png"), FullPage = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
    }

    private async Task<(int Study, int Running)> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await using var context = await Database.Factory.CreateDbContextAsync();
        var baseline = new Experiment { Name = "baseline-grid", CreatedAt = now.AddHours(-2), Status = ExperimentStatus.Running };
        var running = Run(baseline, RunStatus.Running, "real", lastStep: 1_200, plannedSteps: 2_400, now);
        running.OwnerId = "pid 4242 on another-host";
        running.LeaseExpiresAt = now.AddHours(6);
        running.StartedAt = now.AddSeconds(-1_200 * SecondsPerStep);
        running.PhaseMessage = "Training (step 1,200 of 2,400)";
        Run(baseline, RunStatus.Queued, "synthetic", lastStep: 0, plannedSteps: 2_400, now);
        var study = new Experiment { Name = "real-vs-synthetic-1k", Description = "Real against GPT-4 translations at 1,000 pairs", CreatedAt = now.AddHours(-1), Status = ExperimentStatus.Running };
        var completed = Run(study, RunStatus.Completed, "real", lastStep: 600, plannedSteps: 600, now);
        completed.TestBleu = 21.3;
        completed.TestChrF = 45.2;
        foreach (var condition in new[] { "synthetic", "real", "synthetic" })
        {
            Run(study, RunStatus.Queued, condition, lastStep: 0, plannedSteps: null, now);
        }

        context.Experiments.AddRange(baseline, study);
        await context.SaveChangesAsync();
        context.MetricPoints.AddRange(Enumerable.Range(1, 1_200).Select(step => new MetricPoint
        {
            RunId = running.Id, Step = step, Name = MetricNames.TrainLoss, Value = (8.5 * Math.Exp(-step / 300.0)) + 2.2,
            Timestamp = now.AddSeconds((step - 1_200) * SecondsPerStep),
        }));
        await context.SaveChangesAsync();
        return (study.Id, running.Id);
    }

    private static Run Run(Experiment experiment, RunStatus status, string condition, int lastStep, int? plannedSteps, DateTimeOffset now)
    {
        var run = new Run
        {
            ConfigJson = "{}", CorpusId = "multi30k", Role = RunRole.Grid, Condition = condition, TrainSize = 1_000, Seed = experiment.Runs.Count + 1,
            Status = status, LastStep = lastStep, MaxSteps = plannedSteps ?? 100_000, TrainingPairs = plannedSteps is null ? null : 996,
            TargetTokens = plannedSteps is null ? null : plannedSteps * 2_048L, CreatedAt = now,
        };
        experiment.Runs.Add(run);
        return run;
    }
}
