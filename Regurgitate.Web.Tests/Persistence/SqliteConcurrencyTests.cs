using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;
using Xunit.Abstractions;

namespace Regurgitate.Web.Tests.Persistence;

/// <summary>
/// The dashboard's access pattern on one SQLite file, as configured in production (WAL, busy timeout): a run's
/// coordinator appends metric batches while many pages read the runs list and curves.
/// </summary>
public sealed class SqliteConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Readers = 16;
    private const int MinimumBatches = 10;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task One_writer_appending_batches_and_sixteen_readers_never_hit_busy_and_every_point_reads_back()
    {
        var connectionString = SqliteConnectionStrings.ResolveAndPrepare(database.ConnectionString, database.Folder, new DatabaseOptions().BusyTimeout);
        Assert.Contains("Default Timeout=30", connectionString, StringComparison.Ordinal);
        var factory = new Factory(new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite(connectionString).Options);
        await TestArtifactFolders.Initializer(factory, database.Folder, new RunsOptions()).StartAsync(CancellationToken.None);

        var store = new RunStore(factory, TimeProvider.System);
        var queries = new RunQueries(factory);
        var run = await store.CreateRunAsync("concurrency", new RunConfig(), CancellationToken.None);
        var snapshot = RunStore.ToSnapshot(run) with { Status = RunStatus.Running };

        using var stop = new CancellationTokenSource();
        using var writerDone = new CancellationTokenSource();
        var written = 0;
        var batches = 0;
        var writer = Task.Run(async () =>
        {
            try
            {
                var step = 0;

                // At least the duration, and at least ten batches however slow a loaded machine makes them.
                while (!stop.IsCancellationRequested || batches < MinimumBatches)
                {
                    // About what a run flushes every 2 s: 20 steps of three train curves.
                    var batch = new List<MetricSample>();
                    for (var i = 0; i < 20; i++)
                    {
                        step++;
                        batch.Add(new MetricSample(step, MetricNames.TrainLoss, 10.0 / step, DateTimeOffset.UtcNow));
                        batch.Add(new MetricSample(step, MetricNames.TrainLearningRate, 1e-3, DateTimeOffset.UtcNow));
                        batch.Add(new MetricSample(step, MetricNames.TrainTokensPerSecond, 2_300, DateTimeOffset.UtcNow));
                    }

                    snapshot = snapshot with { Step = step };
                    await store.SaveProgressAsync(snapshot, batch, CancellationToken.None);
                    Interlocked.Add(ref written, batch.Count);
                    batches++;
                }
            }
            finally
            {
                // Readers stop with the writer, also when it fails.
                await writerDone.CancelAsync();
            }
        });

        var reads = new int[Readers];
        var readers = Enumerable.Range(0, Readers).Select(index => Task.Run(async () =>
        {
            var lastSeen = 0;
            do
            {
                var points = await queries.GetMetricsAsync(run.Id, CancellationToken.None);
                var list = await queries.ListRunsAsync(CancellationToken.None);
                Assert.Single(list);

                // A reader sees whole batches only and never goes back in time.
                Assert.Equal(0, points.Count % 60);
                Assert.True(points.Count >= lastSeen);
                lastSeen = points.Count;
                reads[index]++;
            }
            while (!writerDone.IsCancellationRequested);
        })).ToList();

        var clock = Stopwatch.StartNew();
        stop.CancelAfter(Duration);
        await Task.WhenAll(readers.Append(writer));
        clock.Stop();

        var stored = await queries.GetMetricsAsync(run.Id, CancellationToken.None);
        Assert.Equal(written, stored.Count);
        var steps = written / 3;
        foreach (var name in new[] { MetricNames.TrainLoss, MetricNames.TrainLearningRate, MetricNames.TrainTokensPerSecond })
        {
            Assert.Equal(Enumerable.Range(1, steps), stored.Where(p => p.Name == name).Select(p => p.Step));
        }

        Assert.All(reads, r => Assert.True(r > 0));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {batches} batches, {written} points written; {Readers} readers made {reads.Sum()} reads (list + curve each), 0 busy/locked errors; all {stored.Count} points read back.");
    }

    private sealed class Factory(DbContextOptions<RegurgitateDbContext> options) : IDbContextFactory<RegurgitateDbContext>
    {
        public RegurgitateDbContext CreateDbContext() => new(options);
    }
}
