using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Imports a synthetic archive of 5,000,000 metric points (10 runs; written straight to a zip in a temporary folder)
/// into a fresh WAL database while a live run saves 2 points every 100 ms through <see cref="RunStore"/>, as training
/// does. Prints the import's wall time, peak RSS and managed allocations during the import, its batches and longest
/// write-lock hold, and the live run's slowest save and failures (there must be none).
/// </summary>
internal static class ArchiveImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var points = long.Parse(BenchmarkOptions.Option(args, "--points", "5000000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(BenchmarkOptions.Option(args, "--runs", "10"), CultureInfo.InvariantCulture);
        var batchRows = BenchmarkOptions.Option(args, "--batch-rows", new ArchiveOptions().MaxBatchRows.ToString(CultureInfo.InvariantCulture));
        var maxHold = BenchmarkOptions.Option(args, "--max-hold-ms", new ArchiveOptions().MaxWriteLockHold.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
        var root = Directory.CreateTempSubdirectory("regurgitate-import-bench-").FullName;
        try
        {
            var archive = Path.Combine(root, "big.regurgitate.zip");
            var clock = Stopwatch.StartNew();
            await SyntheticArchive.WriteAsync(archive, "benchmark", runs, (int)(points / runs));
            Console.WriteLine($"archive: {runs} runs × {points / runs:N0} points, {new FileInfo(archive).Length / 1048576.0:F0} MiB, written in {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"batches of at most {batchRows} rows or {maxHold} ms; {Environment.ProcessorCount} cores");

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = Environments.Production });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Regurgitate"] = "Data Source=App_Data/bench.db",
                ["Regurgitate:Data:DataDirectory"] = root,
                ["Regurgitate:Archives:MaxBatchRows"] = batchRows,
                ["Regurgitate:Archives:MaxWriteLockHold"] = TimeSpan.FromMilliseconds(double.Parse(maxHold, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture),
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddRegurgitateWorkbench(builder.Configuration, root);
            using var host = builder.Build();
            var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
            await using (var context = await factory.CreateDbContextAsync())
            {
                await context.Database.MigrateAsync();
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            var store = host.Services.GetRequiredService<RunStore>();
            var live = await store.CreateRunAsync("live", new RunConfig { TrainSize = 40 }, CancellationToken.None);
            using var importDone = new CancellationTokenSource();
            var writer = Task.Run(() => LiveRunAsync(store, live.Id, importDone.Token));

            ResetPeakRss();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            clock.Restart();
            ArchiveImportResult result;
            try
            {
                result = await host.Services.GetRequiredService<ExperimentArchiveImporter>().ImportFileAsync(archive, null, CancellationToken.None);
            }
            finally
            {
                await importDone.CancelAsync();
            }

            var wall = clock.Elapsed;
            var peakRss = PeakRssBytes();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var (saves, failures, slowest) = await writer;
            Console.WriteLine($"import: {result.MetricPoints:N0} points in {wall.TotalSeconds:F1} s ({result.MetricPoints / wall.TotalSeconds:N0} points/s), {result.WriteBatches:N0} batches");
            Console.WriteLine($"longest write-lock hold: {result.LongestWriteLockHold.TotalMilliseconds:F0} ms");
            Console.WriteLine($"peak RSS during import: {peakRss / 1048576.0:F0} MiB (process, incl. runtime); managed allocations: {allocated / 1048576.0:N0} MiB in total; heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MiB");
            Console.WriteLine($"live run: {saves:N0} saves during the import, slowest {slowest.TotalMilliseconds:F0} ms, {failures} failed");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Saves 2 points every 100 ms, as a training run's recorder does, until the import ends.</summary>
    private static async Task<(int Saves, int Failures, TimeSpan Slowest)> LiveRunAsync(RunStore store, int runId, CancellationToken importDone)
    {
        var (saves, failures, slowest) = (0, 0, TimeSpan.Zero);
        while (!importDone.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var time = DateTimeOffset.UnixEpoch.AddSeconds(saves);
                await store.SaveProgressAsync(
                    new RunSnapshot { RunId = runId, Status = RunStatus.Running, Step = saves },
                    [new MetricSample(saves, "train/loss", 1.0 / (saves + 1), time), new MetricSample(saves, "train/lr", 1e-3, time)],
                    CancellationToken.None);
                saves++;
            }
            catch (SqliteException ex)
            {
                failures++;
                Console.WriteLine($"live run save failed: {ex.Message}");
            }

            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            await Task.Delay(100, CancellationToken.None);
        }

        return (saves, failures, slowest);
    }

    /// <summary>Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so the peak is the import's, not the archive generation's.</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine("(could not reset the peak RSS; it includes the archive generation)");
        }
    }

    private static long PeakRssBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
