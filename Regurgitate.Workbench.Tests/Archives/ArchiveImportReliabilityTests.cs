using System.Diagnostics;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;
using Xunit.Abstractions;

namespace Regurgitate.Workbench.Tests.Archives;

/// <summary>
/// Issue 19: a big import shares the database with a live run (short batches, never one long write lock), stays
/// invisible until its last commit, and a failure or crash at any step leaves no rows, no folders and no reused ids.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class ArchiveImportReliabilityTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-archive-reliability-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task A_live_run_keeps_saving_points_during_a_large_import_which_stays_hidden_until_its_last_commit()
    {
        // A live run's save waits at most 2 s for the write lock; one transaction for every point would hold it far longer.
        using var bench = await ArchiveWorkbench.CreateAsync(new Dictionary<string, string?> { ["Regurgitate:Database:BusyTimeout"] = "00:00:02" });
        const int pointsPerRun = 300_000;
        var file = Path.Combine(dir, "big.zip");
        await SyntheticArchive.WriteAsync(file, "big", runs: 2, pointsPerRun);
        var store = bench.Services.GetRequiredService<RunStore>();
        var live = await store.CreateRunAsync("live", new RunConfig { TrainSize = 40 }, CancellationToken.None);

        var seenWhileImporting = new List<int>();
        bench.Importer.StepReached = async (step, ct) =>
        {
            if (step == ArchiveImportStep.PointsCommitted)
            {
                await using var context = await bench.Factory.CreateDbContextAsync(ct);
                seenWhileImporting.Add(await context.Experiments.CountAsync(ct) * 1000 + await context.Runs.CountAsync(ct));
            }
        };

        using var importDone = new CancellationTokenSource();
        var saves = 0;
        var longestSave = TimeSpan.Zero;
        var writer = Task.Run(async () =>
        {
            while (!importDone.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                await store.SaveProgressAsync(
                    new RunSnapshot { RunId = live.Id, Status = RunStatus.Running, Step = saves },
                    [new MetricSample(saves, "train/loss", 1.0 / (saves + 1), DateTimeOffset.UnixEpoch.AddSeconds(saves))],
                    CancellationToken.None);
                longestSave = clock.Elapsed > longestSave ? clock.Elapsed : longestSave;
                saves++;
                await Task.Delay(20, CancellationToken.None);
            }
        });

        ArchiveImportResult result;
        try
        {
            result = await bench.Importer.ImportFileAsync(file, null, CancellationToken.None);
        }
        finally
        {
            await importDone.CancelAsync();
        }

        await writer; // rethrows a "database is locked" SqliteException if a save ever gave up
        output.WriteLine($"{result.MetricPoints:N0} points in {result.WriteBatches} batches, lock held at most {result.LongestWriteLockHold.TotalMilliseconds:F0} ms; {saves} live saves, longest {longestSave.TotalMilliseconds:F0} ms");
        Assert.Equal(2L * pointsPerRun, result.MetricPoints);
        Assert.True(result.WriteBatches > 1, $"{result.WriteBatches} batches");
        Assert.True(saves > 10, $"{saves} saves");
        Assert.NotEmpty(seenWhileImporting);
        Assert.All(seenWhileImporting, seen => Assert.Equal(1001, seen)); // only the live run's experiment and run
        await using var after = await bench.Factory.CreateDbContextAsync();
        Assert.Equal(2L * pointsPerRun + saves, await after.MetricPoints.LongCountAsync());
        Assert.Equal(3, await after.Runs.CountAsync());
    }

    // Step names, not the internal enum: xUnit theories are public.
    public static TheoryData<string> StepsBeforeTheLastCommit => ["Staged", "Reserved", "PointsCommitted", "FoldersMoved"];

    [Theory]
    [MemberData(nameof(StepsBeforeTheLastCommit))]
    public async Task A_failure_before_the_last_commit_removes_rows_and_folders_and_the_next_import_gets_fresh_ids(string step)
    {
        var failAt = Enum.Parse<ArchiveImportStep>(step);
        using var bench = await SmallBatchesAsync();
        var file = await ArchiveAsync();
        var filesBefore = bench.RunsFolderListing();
        bench.Importer.StepReached = (step, _) => step == failAt ? throw new IOException($"injected at {step}") : Task.CompletedTask;

        var error = await Assert.ThrowsAsync<IOException>(() => bench.Importer.ImportFileAsync(file, null, CancellationToken.None));

        Assert.Equal($"injected at {failAt}", error.Message);
        Assert.Equal((0, 0, 0), await AllRowsAsync(bench));
        Assert.Equal(filesBefore, bench.RunsFolderListing());
        await AssertNextImportGetsFreshIdsAsync(bench, file, failAt);
    }

    public static TheoryData<string> EveryStep => ["Staged", "Reserved", "PointsCommitted", "FoldersMoved", "Revealed"];

    [Theory]
    [MemberData(nameof(EveryStep))]
    public async Task A_crash_at_any_step_is_cleaned_up_by_recovery_leaving_no_orphan_folders_and_no_reused_ids(string step)
    {
        var crashAt = Enum.Parse<ArchiveImportStep>(step);
        using var bench = await SmallBatchesAsync();
        var file = await ArchiveAsync();
        var filesBefore = bench.RunsFolderListing();
        // Failing the discard too leaves what a process that died at that step leaves: committed rows, moved folders, the staging folder.
        bench.Importer.StepReached = (step, _) => step == crashAt || step == ArchiveImportStep.Discarding ? throw new IOException($"crash at {step}") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => bench.Importer.ImportFileAsync(file, null, CancellationToken.None));
        Assert.Contains(bench.RunsFolderListing(), p => p.StartsWith(ImportStaging.Prefix, StringComparison.Ordinal));

        bench.Importer.StepReached = (_, _) => Task.CompletedTask; // the next "process" runs without faults
        var recovered = await bench.Services.GetRequiredService<PendingImports>().RecoverAsync(CancellationToken.None);

        Assert.Equal(1, recovered);
        Assert.DoesNotContain(bench.RunsFolderListing(), p => p.Contains(ImportStaging.Prefix, StringComparison.Ordinal));
        if (crashAt == ArchiveImportStep.Revealed)
        {
            // The last commit happened: the import is whole and stays; only its staging folder was left to remove.
            Assert.Equal((1, 2, 20), await AllRowsAsync(bench));
        }
        else
        {
            Assert.Equal((0, 0, 0), await AllRowsAsync(bench));
            Assert.Equal(filesBefore, bench.RunsFolderListing());
        }

        await AssertNextImportGetsFreshIdsAsync(bench, file, crashAt);
    }

    [Fact]
    public async Task Recovery_leaves_an_import_that_is_still_running_alone()
    {
        using var bench = await SmallBatchesAsync();
        var file = await ArchiveAsync();
        var recovery = bench.Services.GetRequiredService<PendingImports>();
        var recoveredMidway = new List<int>();
        bench.Importer.StepReached = async (step, ct) =>
        {
            if (step == ArchiveImportStep.PointsCommitted)
            {
                recoveredMidway.Add(await recovery.RecoverAsync(ct));
            }
        };

        var result = await bench.Importer.ImportFileAsync(file, null, CancellationToken.None);

        Assert.NotEmpty(recoveredMidway);
        Assert.All(recoveredMidway, count => Assert.Equal(0, count));
        Assert.Equal(20, result.MetricPoints);
        Assert.Equal((1, 2, 20), await AllRowsAsync(bench));
    }

    [Fact]
    public async Task The_default_entry_cap_refuses_100001_entries_from_the_zip64_end_record_before_reading_the_directory()
    {
        using var bench = await ArchiveWorkbench.CreateAsync();
        var file = Path.Combine(dir, "many.zip");
        await using (var zip = new ZipArchive(File.Create(file), ZipArchiveMode.Create))
        {
            for (var i = 1; i <= 100_001; i++)
            {
                zip.CreateEntry($"figures/f{i}.csv", CompressionLevel.NoCompression);
            }
        }

        await using (var stream = File.OpenRead(file))
        {
            // Read from the Zip64 end record (the classic one says 0xFFFF), so the refusal needs no directory in memory.
            Assert.Equal(100_001, await ZipEndRecord.DeclaredEntriesAsync(stream, CancellationToken.None));
        }

        var error = await Assert.ThrowsAsync<ExperimentArchiveException>(() => bench.Importer.ImportFileAsync(file, null, CancellationToken.None));

        Assert.Equal("'many.zip' has 100,001 entries, more than the limit of 100,000 (Regurgitate:Archives:MaxEntries); refused, nothing was imported.", error.Message);
        Assert.Equal((0, 0, 0), await AllRowsAsync(bench));
        Assert.Empty(bench.RunsFolderListing());
    }

    /// <summary>Batches of 3 points, no pause: the 20-point archive commits 7 batches, so every step is reached.</summary>
    private static Task<ArchiveWorkbench> SmallBatchesAsync() => ArchiveWorkbench.CreateAsync(new Dictionary<string, string?>
    {
        ["Regurgitate:Archives:MaxBatchRows"] = "3",
        ["Regurgitate:Archives:PauseBetweenBatches"] = "00:00:00",
    });

    private async Task<string> ArchiveAsync()
    {
        var file = Path.Combine(dir, "small.zip");
        await SyntheticArchive.WriteAsync(file, "small", runs: 2, pointsPerRun: 10);
        return file;
    }

    /// <summary>Experiments, runs and points, hidden ones included.</summary>
    private static async Task<(int Experiments, int Runs, int Points)> AllRowsAsync(ArchiveWorkbench bench)
    {
        await using var context = await bench.Factory.CreateDbContextAsync();
        return (await context.Experiments.IgnoreQueryFilters().CountAsync(), await context.Runs.IgnoreQueryFilters().CountAsync(), await context.MetricPoints.CountAsync());
    }

    /// <summary>Run ids 1 and 2 were taken by the failed import once it reserved them; the next import never reuses them.</summary>
    private static async Task AssertNextImportGetsFreshIdsAsync(ArchiveWorkbench bench, string file, ArchiveImportStep failedAt)
    {
        bench.Importer.StepReached = (_, _) => Task.CompletedTask;
        var next = await bench.Importer.ImportFileAsync(file, null, CancellationToken.None);
        await using var context = await bench.Factory.CreateDbContextAsync();
        var ids = await context.Runs.Where(r => r.ExperimentId == next.ExperimentId).Select(r => r.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(failedAt == ArchiveImportStep.Staged ? [1, 2] : [3, 4], ids);
        Assert.All(ids, id => Assert.True(Directory.Exists(Path.Combine(bench.RunsDirectory, id.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.DoesNotContain(bench.RunsFolderListing(), p => p.Contains(ImportStaging.Prefix, StringComparison.Ordinal));
    }
}
