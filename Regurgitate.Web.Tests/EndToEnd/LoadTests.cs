using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Regurgitate.Engine.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Xunit.Abstractions;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// The real app training four tiny runs at once while ten browser sessions watch them: no console errors, no failed
/// requests, every step the database holds is in every watching page's chart, and the app's memory stays flat.
/// <c>REGURGITATE_LOAD_SECONDS</c> sets how long the sessions watch (default 25 s; the README's figures use 120).
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output) : BrowserTestBase
{
    public const string DurationVariable = "REGURGITATE_LOAD_SECONDS";
    private const int Runs = 4;
    private const int Sessions = 10;

    private static TimeSpan WatchDuration =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(DurationVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 25);

    private static RunConfig LiveRun(int seed) => new()
    {
        CorpusId = "multi30k",
        TrainSize = 500,
        DevSize = 10,
        TestSize = 10,
        Seed = seed,
        Model = ModelConfig.Tiny with { VocabSize = 400 },
        Training = new TrainingConfig { MaxSteps = 1_000_000, EvaluateEvery = 20, TokensPerBatch = 512, WarmupSteps = 10, Threads = 1 },
    };

    [Fact]
    public async Task Ten_sessions_watching_four_live_runs_see_every_recorded_step_without_errors_and_memory_stays_flat()
    {
        await Database.MigrateAsync();
        var store = new RunStore(Database.Factory, TimeProvider.System);
        var runIds = new List<int>();
        for (var i = 0; i < Runs; i++)
        {
            runIds.Add((await store.CreateRunAsync($"load-{i}", LiveRun(seed: 11 + i), CancellationToken.None)).Id);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var app = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, new Dictionary<string, string>
        {
            ["Regurgitate__Runs__MaxConcurrentRuns"] = Runs.ToString(CultureInfo.InvariantCulture),
            ["Regurgitate__Runs__QueuePollInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",
        });

        var problems = new List<string>();
        var watching = true;
        var contexts = new List<IBrowserContext>();
        var runPages = new List<(IPage Page, int RunId)>();
        var listPages = new List<IPage>();
        try
        {
            for (var session = 0; session < Sessions; session++)
            {
                var context = await Chromium.NewContextAsync();
                contexts.Add(context);
                var page = await context.NewPageAsync();
                var name = $"session {session}";
                page.Console += (_, message) =>
                {
                    if (message.Type == "error" && Volatile.Read(ref watching))
                    {
                        lock (problems)
                        {
                            problems.Add($"{name} console: {message.Text} ({message.Location})");
                        }
                    }
                };
                page.PageError += (_, error) => { lock (problems) { problems.Add($"{name} page error: {error}"); } };
                page.RequestFailed += (_, request) =>
                {
                    if (Volatile.Read(ref watching))
                    {
                        lock (problems)
                        {
                            problems.Add($"{name} request failed: {request.Method} {request.Url} {request.Failure}");
                        }
                    }
                };
                page.Response += (_, response) =>
                {
                    if (response.Status >= 400)
                    {
                        lock (problems)
                        {
                            problems.Add($"{name} HTTP {response.Status}: {response.Url}");
                        }
                    }
                };

                // Eight sessions on run pages (two per run), two on the runs list.
                if (session < 2 * Runs)
                {
                    var runId = runIds[session % Runs];
                    await page.GotoAsync(new Uri(app.BaseAddress, $"/runs/{runId}").ToString());
                    await Assertions.Expect(page.Locator("[data-testid=loss-chart] .js-plotly-plot")).ToBeAttachedAsync(new() { Timeout = 60_000 });
                    runPages.Add((page, runId));
                }
                else
                {
                    await page.GotoAsync(new Uri(app.BaseAddress, "/runs").ToString());
                    await Assertions.Expect(page.GetByTestId("runs-table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
                    listPages.Add(page);
                }
            }

            var memory = new List<long> { WorkingSet(app.ProcessId) };
            var deadline = DateTime.UtcNow + WatchDuration;
            while (DateTime.UtcNow < deadline)
            {
                await Task.Delay(1_000);
                memory.Add(WorkingSet(app.ProcessId));
            }

            // End the runs the way `regurgitate runs cancel` does, so each records its last batch and the pages get the end.
            foreach (var runId in runIds)
            {
                var folder = Path.Combine(RunsDirectory, runId.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, RunCoordinator.CancelRequestFileName), "load test over");
            }

            var finished = await WaitForAllFinishedAsync(runIds, TimeSpan.FromSeconds(120));
            memory.Add(WorkingSet(app.ProcessId));

            var checkedPoints = 0;
            foreach (var (page, runId) in runPages)
            {
                var stored = finished[runId];
                foreach (var (chart, trace, metric) in new[] { ("loss-chart", "train loss", MetricNames.TrainLoss), ("dev-chart", "dev BLEU", MetricNames.DevBleu) })
                {
                    var expected = stored.Where(p => p.Name == metric).Select(p => p.Step).OrderBy(s => s).ToList();
                    var shown = await ChartStepsAsync(page, chart, trace, expected.Count);
                    Assert.True(expected.SequenceEqual(shown), $"run {runId} {trace}: database has {expected.Count} steps (last {expected.LastOrDefault()}), page shows {shown.Count} (last {shown.LastOrDefault()}). {ProblemsSoFar(problems)}");
                    checkedPoints += expected.Count;
                }
            }

            foreach (var page in listPages)
            {
                foreach (var runId in runIds)
                {
                    var row = page.Locator("[data-testid=runs-table] tbody tr", new PageLocatorOptions { HasTextString = $"load-{runIds.IndexOf(runId)}" });
                    await Assertions.Expect(row).ToContainTextAsync("Cancelled", new() { Timeout = 30_000 });
                }
            }

            Volatile.Write(ref watching, false);
            var totalSteps = finished.Values.Sum(points => points.Count(p => p.Name == MetricNames.TrainLoss));
            var startMb = memory[0] / 1048576.0;
            var peakMb = memory.Max() / 1048576.0;
            var endMb = memory[^1] / 1048576.0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Sessions} sessions, {Runs} live runs, watched {WatchDuration.TotalSeconds:F0} s; {totalSteps} steps recorded; {checkedPoints} chart points checked across {runPages.Count} run pages; working set start {startMb:F0} MB, peak {peakMb:F0} MB, end {endMb:F0} MB"));

            lock (problems)
            {
                Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
            }

            Assert.True(totalSteps >= Runs, $"only {totalSteps} steps were trained while watching");

            // Flat: the end is within 50% (and 400 MB) of the start; a leak per update would grow with every step.
            Assert.True(endMb < Math.Max(startMb * 1.5, startMb + 400), $"working set grew from {startMb:F0} MB to {endMb:F0} MB");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- web app output ---\n{app.Output}");
        }
        finally
        {
            Volatile.Write(ref watching, false);
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    private static string ProblemsSoFar(List<string> problems)
    {
        lock (problems)
        {
            return problems.Count == 0 ? "No browser problems were seen." : "Browser problems: " + string.Join("; ", problems.Take(10));
        }
    }

    /// <summary>The steps of one trace as the page holds them, once it holds as many as expected (or after 30 s).</summary>
    private static async Task<List<int>> ChartStepsAsync(IPage page, string chart, string trace, int expectedCount)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var steps = await PlotlyCharts.StepsAsync(page, chart, trace);
            if (steps.Count >= expectedCount || DateTime.UtcNow > deadline)
            {
                return [.. steps.Order()];
            }

            await Task.Delay(250);
        }
    }

    private async Task<Dictionary<int, List<MetricSample>>> WaitForAllFinishedAsync(IReadOnlyList<int> runIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var context = await Database.Factory.CreateDbContextAsync();
            var statuses = await context.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id)).Select(r => new { r.Id, r.Status, r.Message }).ToListAsync();
            if (statuses.All(s => s.Status is not (RunStatus.Queued or RunStatus.Running)))
            {
                Assert.All(statuses, s => Assert.True(s.Status == RunStatus.Cancelled, $"run {s.Id} ended {s.Status}: {s.Message}"));
                var points = await context.MetricPoints.AsNoTracking().Where(p => runIds.Contains(p.RunId)).ToListAsync();
                return runIds.ToDictionary(id => id, id => points.Where(p => p.RunId == id).Select(p => new MetricSample(p.Step, p.Name, p.Value, p.Timestamp)).ToList());
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Runs still active after {timeout}: {string.Join(", ", statuses.Select(s => $"{s.Id} {s.Status}"))}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Resident set size from /proc (what the machine actually gives the app).</summary>
    private static long WorkingSet(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {processId}.");
    }
}
