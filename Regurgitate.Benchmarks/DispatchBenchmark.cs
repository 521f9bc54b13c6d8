using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Workers mode on one machine standing in for several: a throwaway PostgreSQL cluster, the dashboard's own services in
/// this process (Dispatch mode Workers) and <c>regurgitate worker</c> processes. (1) Dispatch overhead per run, from the
/// queued row to the run running on a worker and to its first step, one run at a time with idle workers, split at the
/// Hangfire job's creation and fetch. (2) Metric latency, from a step on a worker to the point reaching a subscriber of
/// the dashboard's <see cref="IRunMonitor"/> (what an open run page is pushed), with the workers' default metric flush
/// interval and another (2 s, the in-process default). (3) Throughput with 1, 2, 4 sleeping workers (<see cref="DispatchThroughput"/>).
/// </summary>
internal static class DispatchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Number(string name, int fallback) => int.Parse(BenchmarkOptions.Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var root = Directory.CreateTempSubdirectory("regurgitate-dispatch-bench-").FullName;
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average {MachineLoad.Averages()} at the start");
        try
        {
            if (!args.Contains("--skip-latency"))
            {
                await OverheadAndLatencyAsync(root, Number("--runs", 10), Number("--steps", 300), BenchmarkOptions.Option(args, "--compare-flush", "00:00:02"));
            }

            if (!args.Contains("--skip-throughput"))
            {
                var workers = BenchmarkOptions.Option(args, "--workers", "1,2,4").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
                await DispatchThroughput.RunAsync(root, Number("--grid", 24), TimeSpan.FromMilliseconds(Number("--sleep-ms", 2000)), workers);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        Console.WriteLine($"load average {MachineLoad.Averages()} at the end");
        return 0;
    }

    private static async Task OverheadAndLatencyAsync(string root, int runs, int steps, string compareFlush)
    {
        var connectionString = PostgreSqlTestServer.Shared.CreateDatabase();
        var shared = Path.Combine(root, "latency-shared");
        using var toy = new ToyWorkbenchHost(postgreSql: false);
        using var dashboard = toy.Build(DispatchSetup.DashboardSettings(connectionString, shared));
        await dashboard.StartAsync();
        var workers = new List<CliProcess>();
        try
        {
            workers.AddRange(new[] { "worker-a", "worker-b" }.Select(name =>
                CliProcess.Start(["worker", .. DispatchSetup.WorkerArguments(shared, connectionString, DispatchSetup.WorkerRoot(root, name, metricFlushInterval: null))])));
            await DispatchSetup.WaitJoinedAsync(workers, TimeSpan.FromMinutes(2));
            var launcher = dashboard.Services.GetRequiredService<IRunLauncher>();

            // Warm-up: each worker's first run pays for the JIT and for loading libtorch, which a long-lived worker has behind it.
            // (Queued one after the other: two launches at once under one new experiment name race to create it.)
            int[] warmUp = [await launcher.StartAsync("warm-up", DispatchSetup.ToyRun(5, 100), CancellationToken.None), await launcher.StartAsync("warm-up", DispatchSetup.ToyRun(5, 101), CancellationToken.None)];
            await Task.WhenAll(warmUp.Select(id => FinishAsync(dashboard, id)));

            Console.WriteLine($"1. dispatch overhead: {runs} toy runs one at a time, 2 idle `regurgitate worker` processes (load average {MachineLoad.Averages()})");
            var random = new Random(16);
            var ids = new List<int>();
            for (var i = 0; i < runs; i++)
            {
                // Enqueue at a random phase of the workers' queue polls, as a user would.
                await Task.Delay(random.Next(0, 1000));
                var runId = await launcher.StartAsync("dispatch-overhead", DispatchSetup.ToyRun(5, i + 1), CancellationToken.None);
                await FinishAsync(dashboard, runId);
                ids.Add(runId);
            }

            await PrintOverheadAsync(dashboard, connectionString, ids);
            Console.WriteLine($"   (load average {MachineLoad.Averages()})");

            Console.WriteLine($"2. metric latency: a {steps}-step toy run on a worker, step -> point at a subscriber of the dashboard's IRunMonitor");
            await LatencyAsync(dashboard, steps, $"workers' default MetricFlushInterval ({DispatchOptions.WorkerMetricFlushInterval:c})");

            // The same with a worker that writes its points at another interval (the in-process default, 2 s): only that differs.
            await DispatchSetup.StopAsync(workers);
            workers.Clear();
            workers.Add(CliProcess.Start(["worker", .. DispatchSetup.WorkerArguments(shared, connectionString, DispatchSetup.WorkerRoot(root, "worker-compare", compareFlush))]));
            await DispatchSetup.WaitJoinedAsync(workers, TimeSpan.FromMinutes(2));
            await FinishAsync(dashboard, await launcher.StartAsync("warm-up", DispatchSetup.ToyRun(5, 200), CancellationToken.None));
            await LatencyAsync(dashboard, steps, $"worker's MetricFlushInterval set to {compareFlush}");
        }
        finally
        {
            await DispatchSetup.StopAsync(workers);
            await dashboard.StopAsync();
            PostgreSqlTestServer.Shared.DropDatabase(connectionString);
        }
    }

    private static async Task FinishAsync(IHost dashboard, int runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var status = await dashboard.Services.GetRequiredService<IRunLauncher>().WhenFinishedAsync(runId, timeout.Token);
        if (status != RunStatus.Completed)
        {
            var details = await dashboard.Services.GetRequiredService<Workbench.Runs.IRunQueries>().GetRunAsync(runId, CancellationToken.None);
            throw new InvalidOperationException($"Run {runId} ended {status}: {details?.StoredSnapshot.Message}");
        }
    }

    /// <summary>Per run: the queued row, its Hangfire job's creation and fetch (Processing), the run's start (claimed, Running) and its first step.</summary>
    private static async Task PrintOverheadAsync(IHost dashboard, string connectionString, IReadOnlyList<int> ids)
    {
        // The workbench's times through its own context (stored in a provider-neutral encoding), Hangfire's straight from its tables.
        var contextFactory = dashboard.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        Dictionary<int, (DateTimeOffset Created, DateTimeOffset Started, DateTimeOffset FirstStep)> runs;
        await using (var context = await contextFactory.CreateDbContextAsync())
        {
            var rows = await context.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.CreatedAt, r.StartedAt }).ToListAsync();
            var firstSteps = await context.MetricPoints.AsNoTracking().Where(p => ids.Contains(p.RunId) && p.Name == MetricNames.TrainLoss && p.Step == 1)
                .Select(p => new { p.RunId, p.Timestamp }).ToListAsync();
            runs = rows.ToDictionary(r => r.Id, r => (r.CreatedAt, r.StartedAt!.Value, firstSteps.Where(p => p.RunId == r.Id).Min(p => p.Timestamp)));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // Hangfire's rows name the run in the job's arguments (a JSON array of strings, the run id first).
        var jobs = new Dictionary<int, (DateTimeOffset Created, DateTimeOffset Fetched)>();
        await using (var command = new NpgsqlCommand("""
            SELECT j.arguments, j.createdat, s.createdat FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id AND s.name = 'Processing'
            """, connection))
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                using var arguments = JsonDocument.Parse(reader.GetString(0));
                var runId = int.Parse(arguments.RootElement[0].GetString()!, CultureInfo.InvariantCulture);
                var job = (Utc(reader.GetDateTime(1)), Utc(reader.GetDateTime(2)));
                if (!jobs.TryGetValue(runId, out var seen) || job.Item2 < seen.Fetched)
                {
                    jobs[runId] = job;
                }
            }
        }

        List<double> toJob = [], toFetch = [], toStart = [], overhead = [], toStep = [], total = [];
        foreach (var id in ids)
        {
            var (created, started, firstStep) = runs[id];
            var (jobCreated, fetched) = jobs[id];
            toJob.Add((jobCreated - created).TotalSeconds);
            toFetch.Add((fetched - jobCreated).TotalSeconds);
            toStart.Add((started - fetched).TotalSeconds);
            overhead.Add((started - created).TotalSeconds);
            toStep.Add((firstStep - started).TotalSeconds);
            total.Add((firstStep - created).TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   run {id}: row -> job {toJob[^1]:F3} s, job -> fetched {toFetch[^1]:F3} s, fetched -> Running {toStart[^1]:F3} s, Running -> first step {toStep[^1]:F3} s"));
        }

        Console.WriteLine($"   queued row -> Hangfire job (dashboard's dispatcher): {OrderStatistics.MedianAndRange(toJob)}");
        Console.WriteLine($"   job -> fetched by a worker (Hangfire.PostgreSql's queue poll, 1 s): {OrderStatistics.MedianAndRange(toFetch)}");
        Console.WriteLine($"   fetched -> run claimed and Running: {OrderStatistics.MedianAndRange(toStart)}");
        Console.WriteLine($"   dispatch overhead, queued row -> Running: {OrderStatistics.MedianAndRange(overhead)}");
        Console.WriteLine($"   Running -> first step (the run's own corpus load, BPE, model; not dispatch): {OrderStatistics.MedianAndRange(toStep)}");
        Console.WriteLine($"   enqueue -> training (first step): {OrderStatistics.MedianAndRange(total)}");
    }

    private static async Task LatencyAsync(IHost dashboard, int steps, string label)
    {
        var launcher = dashboard.Services.GetRequiredService<IRunLauncher>();
        var monitor = dashboard.Services.GetRequiredService<IRunMonitor>();
        var arrivals = new ConcurrentQueue<(MetricSample Point, DateTimeOffset Arrived)>();
        var runId = await launcher.StartAsync("metric-latency", DispatchSetup.ToyRun(steps, 7), CancellationToken.None);
        using var observation = monitor.Observe(runId, update =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var point in update.NewPoints.Where(p => p.Name == MetricNames.TrainLoss))
            {
                arrivals.Enqueue((point, now));
            }
        }) ?? throw new InvalidOperationException($"Run {runId} cannot be observed from the dashboard.");
        await FinishAsync(dashboard, runId);

        // The last commit's notification may still be on its way when the dispatcher's sweep says the run ended.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var latencies = arrivals.Select(a => (a.Arrived - a.Point.Timestamp).TotalSeconds).ToList();
        var distinct = arrivals.Select(a => a.Point.Step).Distinct().Count();
        Console.WriteLine($"   {label}: {OrderStatistics.MedianP95Max(latencies)}; {distinct} of {steps} steps arrived, {arrivals.Count - distinct} twice; load average {MachineLoad.Averages()}");
    }

    // Hangfire.PostgreSql's timestamps are UTC, without a zone in older schemas.
    private static DateTimeOffset Utc(DateTime time) => new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());
}
