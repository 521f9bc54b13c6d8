using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Playwright;
using Regurgitate.Testing;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Benchmarks;

/// <summary>
/// The comparison page with a realistic database: seeds a fresh SQLite file with 200 completed runs of 5,000 logged
/// steps (train/loss at every step, dev curves every 100 steps), starts the real app (the Release build beside this
/// benchmark) on it, and times in Debian's Chromium (1) the runs page until its table rows are visible and (2) a
/// comparison of 20 runs until Plotly has drawn all 40 lines (raw + smoothed), with the runs page's first contentful
/// paint (when anything, e.g. the prerendered shell, was first painted). Each is measured cold, then warm, first
/// with a fresh browser profile per visit, then with one profile visited repeatedly. After every chart visit the same
/// figure is drawn on a page with Plotly alone (<see cref="PlotlyAlonePage"/>): the floor for the chart's time.
/// </summary>
internal static class ComparisonUiBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu"];

    private static readonly ViewportSize Viewport = new() { Width = 1600, Height = 1000 };

    // Plotly's script as the app's chart page loaded it (the page with Plotly alone loads the very same file).
    private const string PlotlyScriptSource = "() => document.querySelector('script[src*=plotly]').src";

    private const string FirstDrawMs = "() => window.__firstDraw?.ms ?? -1";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(BenchmarkOptions.Option(args, "--runs", "200"), CultureInfo.InvariantCulture);
        var points = int.Parse(BenchmarkOptions.Option(args, "--points", "5000"), CultureInfo.InvariantCulture);
        var compared = int.Parse(BenchmarkOptions.Option(args, "--compare", "20"), CultureInfo.InvariantCulture);
        var repeats = int.Parse(BenchmarkOptions.Option(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        // Chromium performance traces of the chart visits (for Perfetto or chrome://tracing), to profile the main thread.
        var traceFolder = BenchmarkOptions.Option(args, "--trace", string.Empty);
        var folder = Directory.CreateTempSubdirectory("regurgitate-compare-bench-").FullName;
        PlotlyAlonePage? alone = null;
        try
        {
            var database = Path.Combine(folder, "bench.db");
            var clock = Stopwatch.StartNew();
            await SeedAsync(database, runs, points);
            Console.WriteLine($"Seeded {runs} runs × {points:N0} points in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(database).Length / 1048576.0:F0} MiB)");

            await using var app = await AppProcess.StartAsync(database, folder);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });

            var ids = Enumerable.Range(1, compared).Select(i => (i * 7 % runs) + 1).Distinct().ToList();
            var chartUrl = new Uri(app.BaseAddress, "/compare/charts?runs=" + string.Join(',', ids));

            // A page in the returning browser's profile, or else in a fresh profile of its own.
            Task<IPage> OpenPageAsync(IBrowserContext? profile) =>
                profile is not null ? profile.NewPageAsync() : browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = Viewport });
            // Fresh browser profile per visit (nothing cached: every script is fetched and compiled again), then one
            // profile visited repeatedly, as a researcher's browser returning to the page (HTTP and code caches warm).
            // The returning profile lives on disk: a browser context without one is off the record, where Chromium
            // keeps no compiled code between visits (each visit compiled Plotly's script from its source again).
            foreach (var returning in new[] { false, true })
            {
                var tableTimes = new List<double>();
                var tableUsableTimes = new List<double>();
                var tablePaintedTimes = new List<double>();
                var chartTimes = new List<double>();
                var firstLineTimes = new List<double>();
                var firstPaintTimes = new List<double>();
                var drawTimes = new List<double>();
                var drawBoxReads = new List<double>();
                var aloneTimes = new List<double>();
                var aloneDrawTimes = new List<double>();
                // The page with Plotly alone gets a profile of its own: visiting it in the app's profile loaded Plotly's
                // script in a second origin, which spoilt the code cache the app's next visit would have used.
                var shared = returning ? await LaunchProfileAsync(playwright, Path.Combine(folder, "returning-profile")) : null;
                var aloneShared = returning ? await LaunchProfileAsync(playwright, Path.Combine(folder, "returning-alone-profile")) : null;
                for (var i = 0; i <= repeats; i++)
                {
                    var page = await OpenPageAsync(shared);
                    // Rows visible (they come prerendered), then usable: their ticks are enabled once the circuit has rendered.
                    await page.AddInitScriptAsync(ComparisonUiProbes.RowsProbe);
                    var table = await TimeStagesAsync(page, new Uri(app.BaseAddress, "/compare/charts"),
                        ("[data-testid=compare-runs-grid] tr.compare-run-row", 1), ("[data-testid=compare-runs-grid] tr.compare-run-row input.run-select:not([disabled])", 1));
                    tableTimes.Add(table[0]);
                    tableUsableTimes.Add(table[1]);
                    tablePaintedTimes.Add(await page.EvaluateAsync<double>("() => window.__rowsPainted ?? -1"));
                    // When the browser first painted anything (the prerendered shell, or before that the whole page).
                    firstPaintTimes.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"));
                    await page.AddInitScriptAsync(ComparisonUiProbes.PlotlyProbe);
                    const string lines = "[data-testid=compare-chart] .scatterlayer .trace";
                    var trace = traceFolder.Length > 0 ? await ChromiumTrace.StartAsync(page) : null;
                    var chart = await TimeStagesAsync(page, chartUrl, (lines, 1), (lines, 2 * ids.Count));
                    if (trace is not null)
                    {
                        var file = Path.Combine(Directory.CreateDirectory(traceFolder).FullName, $"chart-{(returning ? "returning" : "fresh")}-{i}.json");
                        await trace.SaveAsync(file);
                        Console.WriteLine("    trace: " + ChromiumTrace.Summarise(file));
                    }

                    firstLineTimes.Add(chart[0]);
                    chartTimes.Add(chart[1]);
                    drawTimes.Add(await page.EvaluateAsync<double>(FirstDrawMs));
                    drawBoxReads.Add(await page.EvaluateAsync<double>("() => window.__firstDraw?.boxReads ?? -1"));
                    Console.WriteLine("    timeline (ms since navigation): " + await page.EvaluateAsync<string>(ComparisonUiProbes.TimelineScript));
                    alone ??= PlotlyAlonePage.Start(await page.EvaluateAsync<string>(PlotlyAlonePage.CaptureScript), new Uri(await page.EvaluateAsync<string>(PlotlyScriptSource)));
                    await page.CloseAsync();

                    // The same figure on a page with Plotly alone, in the same kind of browser profile, right after.
                    var alonePage = await OpenPageAsync(aloneShared);
                    await alonePage.GotoAsync(alone.BlankAddress.ToString());
                    await alonePage.AddInitScriptAsync(ComparisonUiProbes.PlotlyProbe);
                    aloneTimes.Add((await TimeStagesAsync(alonePage, alone.Address, (lines, 2 * ids.Count)))[0]);
                    aloneDrawTimes.Add(await alonePage.EvaluateAsync<double>(FirstDrawMs));
                    Console.WriteLine("    Plotly alone, timeline (ms since navigation): " + await alonePage.EvaluateAsync<string>(ComparisonUiProbes.TimelineScript));
                    await alonePage.CloseAsync();
                }

                foreach (var profile in new[] { shared, aloneShared })
                {
                    if (profile is not null)
                    {
                        await profile.CloseAsync();
                    }
                }

                var (label, firstLabel) = returning ? ("Returning browser (one profile, caches warm)", "first visit") : ("Fresh browser profile per visit", "first visit after start");
                Console.WriteLine($"{label}:");
                Console.WriteLine($"  Runs page, first contentful paint: {firstLabel} {firstPaintTimes[0]:F0} ms; later {Describe(firstPaintTimes.Skip(1))}");
                Console.WriteLine($"  Runs page, table rows visible (test driver's poll): {firstLabel} {tableTimes[0]:F0} ms; later {Describe(tableTimes.Skip(1))}");
                Console.WriteLine($"  Runs page, rows painted (frame after they entered the page): {firstLabel} {tablePaintedTimes[0]:F0} ms; later {Describe(tablePaintedTimes.Skip(1))}");
                Console.WriteLine($"  Runs page, rows usable (ticks enabled by the circuit): {firstLabel} {tableUsableTimes[0]:F0} ms; later {Describe(tableUsableTimes.Skip(1))}");
                Console.WriteLine($"  Comparison of {ids.Count} runs, all {2 * ids.Count} lines drawn: {firstLabel} {chartTimes[0]:F0} ms; later {Describe(chartTimes.Skip(1))}");
                Console.WriteLine($"    (of which until the plot first had lines: {firstLabel} {firstLineTimes[0]:F0} ms; later {Describe(firstLineTimes.Skip(1))})");
                Console.WriteLine($"    (Plotly's first draw, from its call to its end: {firstLabel} {drawTimes[0]:F0} ms; later {Describe(drawTimes.Skip(1))}; "
                    + $"element boxes it read, each a forced layout: {drawBoxReads.Max():F0})");
                Console.WriteLine($"  The same {2 * ids.Count} lines on a page with Plotly alone (no Blazor, no circuit; Plotly's script from the app), all drawn: "
                    + $"{firstLabel} {aloneTimes[0]:F0} ms; later {Describe(aloneTimes.Skip(1))}");
                Console.WriteLine($"    (Plotly's first draw there: {firstLabel} {aloneDrawTimes[0]:F0} ms; later {Describe(aloneDrawTimes.Skip(1))})");
            }

            Console.WriteLine($"  load average after the run: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            alone?.Dispose();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<IBrowserContext> LaunchProfileAsync(IPlaywright playwright, string folder) =>
        playwright.Chromium.LaunchPersistentContextAsync(folder, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = Viewport,
        });

    private static string Describe(IEnumerable<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? "–" : $"median {sorted[sorted.Count / 2]:F0} ms (min {sorted[0]:F0}, max {sorted[^1]:F0})";
    }

    /// <summary>
    /// Milliseconds from navigation start until each stage's selector matches at least its count of elements, stage after
    /// stage (e.g. the plot's first line, then all of them).
    /// </summary>
    private static async Task<double[]> TimeStagesAsync(IPage page, Uri url, params (string Selector, int Count)[] stages)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var times = new double[stages.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            await page.WaitForFunctionAsync(
                "([selector, count]) => document.querySelectorAll(selector).length >= count",
                new object[] { stages[i].Selector, stages[i].Count },
                new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 10 });
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        return times;
    }

    private static async Task SeedAsync(string databaseFile, int runs, int points)
    {
        var options = new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite($"Data Source={databaseFile}").Options;
        await using (var context = new RegurgitateDbContext(options))
        {
            await context.Database.MigrateAsync();
            var experiment = new Experiment { Name = "benchmark", CreatedAt = DateTimeOffset.UtcNow };
            context.Experiments.Add(experiment);
            await context.SaveChangesAsync();
            var conditions = new[] { "real", "wmt22/GPT-4", "50% real + GPT-4", "wmt22/ChatGPT" };
            for (var r = 0; r < runs; r++)
            {
                var fraction = r % 4 == 0 ? 1.0 : r % 4 == 2 ? 0.5 : 0.0;
                context.Runs.Add(new Run
                {
                    ExperimentId = experiment.Id,
                    ConfigJson = string.Create(CultureInfo.InvariantCulture,
                        $$$"""{"corpusId":"multi30k","trainSize":{{{1000 * (1 + r % 5)}}},"seed":{{{r % 3}}},"mixture":{"realFraction":{{{fraction}}}},"training":{"learningRate":0.0007,"maxSteps":{{{points}}}}}"""),
                    CorpusId = "multi30k",
                    Role = RunRole.Grid,
                    Condition = conditions[r % 4],
                    TrainSize = 1000 * (1 + r % 5),
                    Seed = r % 3,
                    RealFraction = fraction,
                    MaxSteps = points,
                    LastStep = points,
                    Status = RunStatus.Completed,
                    Tags = r % 10 == 0 ? "paper" : null,
                    CreatedAt = DateTimeOffset.UtcNow,
                    StartedAt = DateTimeOffset.UtcNow.AddHours(-1),
                    FinishedAt = DateTimeOffset.UtcNow,
                    TestBleu = 10 + r % 17,
                });
            }

            await context.SaveChangesAsync();
        }

        // Bulk insert through one prepared statement in one transaction: EF change tracking would take minutes.
        var timestamps = new DateTimeOffsetToBinaryConverter();
        await using var connection = new SqliteConnection($"Data Source={databaseFile}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Timestamp) VALUES ($run, $step, $name, $value, $time)";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var step = command.Parameters.Add("$step", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var time = command.Parameters.Add("$time", SqliteType.Integer);
        command.Prepare();
        var random = new Random(12345);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var r = 1; r <= runs; r++)
        {
            for (var s = 1; s <= points; s++)
            {
                run.Value = r;
                step.Value = s;
                time.Value = (long)timestamps.ConvertToProvider(start.AddMilliseconds(700.0 * s))!;
                Insert(command, name, value, MetricNames.TrainLoss, 2 + 8.0 / Math.Sqrt(s) + r % 7 * 0.05 + random.NextDouble() * 0.3 + (random.Next(500) == 0 ? 3 : 0));
                if (s % 100 == 0)
                {
                    Insert(command, name, value, MetricNames.DevLoss, 2.5 + 6.0 / Math.Sqrt(s) + random.NextDouble() * 0.1);
                    Insert(command, name, value, MetricNames.DevBleu, 30 * (1 - Math.Exp(-s / 1500.0)) + r % 5 + random.NextDouble());
                    Insert(command, name, value, MetricNames.DevChrF, 55 * (1 - Math.Exp(-s / 1500.0)) + r % 5 + random.NextDouble());
                }
            }
        }

        await transaction.CommitAsync();
    }

    private static void Insert(SqliteCommand command, SqliteParameter name, SqliteParameter value, string metric, double v)
    {
        name.Value = metric;
        value.Value = v;
        command.ExecuteNonQuery();
    }

    /// <summary>The Release web app beside this benchmark's build, on a free loopback port, with the seeded database.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process process;

        private AppProcess(Process process, Uri baseAddress)
        {
            this.process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<AppProcess> StartAsync(string databaseFile, string folder)
        {
            var root = FindSolutionRoot();
            var web = Path.Combine(root, "Regurgitate.Web");
            var suffix = Path.GetRelativePath(Path.Combine(root, "Regurgitate.Benchmarks"), AppContext.BaseDirectory);
            var assembly = Path.Combine(web, suffix, "Regurgitate.Web.dll");
            if (!File.Exists(assembly))
            {
                throw new FileNotFoundException($"Build the web app in the same configuration first (dotnet build -c Release Regurgitate.Web): {assembly}");
            }

            var port = LoopbackPort.Free();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { assembly, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", web })
            {
                start.ArgumentList.Add(argument);
            }

            // Development serves the packages' static web assets from a build (no publish needed).
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ConnectionStrings__Regurgitate"] = $"Data Source={databaseFile}";
            start.Environment["Regurgitate__Runs__RunsDirectory"] = Path.Combine(folder, "runs");
            start.Environment["Regurgitate__Data__DatasetsDirectory"] = Path.Combine(folder, "datasets");
            start.Environment["Regurgitate__Experiments__ExperimentsDirectory"] = Path.Combine(folder, "experiments");
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Regurgitate.Workbench.Comparison"] = "Debug";
            var process = Process.Start(start)!;

            // The series service's own timings (query + maths) next to the browser's, to see where time goes.
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && (line.Contains("Loaded ", StringComparison.Ordinal) || line.Contains("Summarised ", StringComparison.Ordinal)))
                {
                    Console.WriteLine("  app: " + line.Trim());
                }
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            for (var attempt = 0; attempt < 300; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("/runs", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return app;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            await app.DisposeAsync();
            throw new TimeoutException("The web app did not start within 60 s.");
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        private static string FindSolutionRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Regurgitate.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("No Regurgitate.sln above the benchmark.");
        }
    }
}
