using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Runs per hour of a grid through Workers mode with 1, 2, 4 worker processes whose runs sleep instead of training
/// (<see cref="DispatchWorker"/>): two cores cannot train four runs at once, but dispatch can be shown to scale. Each
/// worker count gets a fresh database and two warm-up runs per worker; the wall is from the first queued row of the
/// timed grid to its last run's end, as stored.
/// </summary>
internal static class DispatchThroughput
{
    public static async Task RunAsync(string root, int grid, TimeSpan sleep, IReadOnlyList<int> workerCounts)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"3. throughput: a grid of {grid} runs sleeping {sleep.TotalSeconds:0.##} s each, N `dispatch-worker` processes (the worker command with a sleeping executor)"));
        double? single = null;
        foreach (var count in workerCounts)
        {
            var (wall, completed, inRun) = await GridAsync(root, grid, sleep, count);
            var perHour = completed / wall.TotalHours;
            single ??= count == 1 ? perHour : null;
            var ideal = count * 3600 / sleep.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   N {count}: {completed} runs in {wall.TotalSeconds:F1} s = {perHour:F0} runs/h ({perHour / ideal:P0} of the {ideal:F0} a sleep allows){(single is { } one ? $", {perHour / one:F2}x N 1" : "")}; load average {MachineLoad.Averages()}"));

            // Where the rest goes: a run's own time on its worker (claim, folder, the sleep, its writes) against the workers' time in all.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"        each run Running -> ended {OrderStatistics.MedianAndRange(inRun)}; workers busy with runs {inRun.Sum() / (count * wall.TotalSeconds):P0} of the wall"));
        }
    }

    private static async Task<(TimeSpan Wall, int Completed, List<double> InRun)> GridAsync(string root, int grid, TimeSpan sleep, int count)
    {
        var connectionString = PostgreSqlTestServer.Shared.CreateDatabase();
        var shared = Path.Combine(root, $"throughput-{count}");
        using var toy = new ToyWorkbenchHost(postgreSql: false);
        using var dashboard = toy.Build(DispatchSetup.DashboardSettings(connectionString, shared));
        await dashboard.StartAsync();
        var workers = new List<CliProcess>();
        try
        {
            var benchmarks = typeof(DispatchWorker).Assembly.Location;
            var sleepMs = ((int)sleep.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                var contentRoot = DispatchSetup.WorkerRoot(root, $"sleeper-{count}-{i}", metricFlushInterval: null);
                workers.Add(CliProcess.StartAssembly(benchmarks, ["dispatch-worker", "--sleep-ms", sleepMs, .. DispatchSetup.WorkerArguments(shared, connectionString, contentRoot)]));
            }

            await DispatchSetup.WaitJoinedAsync(workers, TimeSpan.FromMinutes(2));
            var launcher = dashboard.Services.GetRequiredService<IRunLauncher>();

            // Warm-up: two runs per worker, so that every worker has its first run's JIT behind it before the timed grid.
            await GridOfAsync(launcher, "warm-up", 2 * count);
            var experiment = $"throughput-{count}";
            await GridOfAsync(launcher, experiment, grid);

            await using var context = await dashboard.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
            var rows = await context.Runs.AsNoTracking().Where(r => r.Experiment!.Name == experiment).Select(r => new { r.CreatedAt, r.StartedAt, r.FinishedAt, r.Status }).ToListAsync();
            return (rows.Max(r => r.FinishedAt!.Value) - rows.Min(r => r.CreatedAt), rows.Count(r => r.Status == RunStatus.Completed),
                [.. rows.Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds)]);
        }
        finally
        {
            await DispatchSetup.StopAsync(workers);
            await dashboard.StopAsync();
            PostgreSqlTestServer.Shared.DropDatabase(connectionString);
        }
    }

    private static async Task GridOfAsync(IRunLauncher launcher, string experiment, int runs)
    {
        var ids = new List<int>();
        for (var i = 0; i < runs; i++)
        {
            ids.Add(await launcher.StartAsync(experiment, DispatchSetup.ToyRun(10, i + 1), CancellationToken.None));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await Task.WhenAll(ids.Select(id => launcher.WhenFinishedAsync(id, timeout.Token)));
    }
}
