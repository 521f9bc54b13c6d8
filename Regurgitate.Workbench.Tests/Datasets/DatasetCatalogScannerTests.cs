using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Persistence;
using Xunit.Abstractions;

namespace Regurgitate.Workbench.Tests.Datasets;

public sealed class DatasetCatalogScannerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_shared_data_is_catalogued_with_counts_checksums_and_provenance_and_a_rescan_reads_nothing()
    {
        using var harness = await CatalogHarness.CreateAsync(SharedFolders.Data);
        await new SyntheticDatasetRepository(harness.Corpora).SaveAsync(GeneratedSet(), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var cold = await harness.Catalog.ScanAsync(CancellationToken.None);
        var coldTime = clock.Elapsed;
        clock.Restart();
        var warm = await harness.Catalog.ScanAsync(CancellationToken.None);
        var warmTime = clock.Elapsed;
        clock.Restart();
        using var restarted = harness.NewCatalog();
        var afterRestart = await restarted.ScanAsync(CancellationToken.None);
        output.WriteLine($"cold {coldTime.TotalMilliseconds:F0} ms ({cold.FilesHashed} files, {cold.BytesHashed} bytes); warm {warmTime.TotalMilliseconds:F0} ms; new process with cache file {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal(5 + 34 + 1, cold.Datasets);
        Assert.Equal(0, cold.Unavailable);
        Assert.True(cold.FilesHashed > 70);
        Assert.Equal(0, warm.FilesHashed);
        Assert.Equal(0, afterRestart.FilesHashed);

        await using var context = await harness.Database.Factory.CreateDbContextAsync();
        var records = await context.Datasets.AsNoTracking().ToDictionaryAsync(d => d.Id);
        Assert.Equal(40, records.Count);

        var gpt4 = records["wmt22/GPT-4"];
        Assert.Equal(DatasetKind.SystemOutput, gpt4.Kind);
        Assert.Equal((1984, 8), (gpt4.Pairs, gpt4.Failed));
        Assert.Equal("wmt22", gpt4.CorpusId);
        Assert.Contains("gpt-MT", gpt4.Origin, StringComparison.Ordinal);
        Assert.Equal("GPT-4", JsonDocument.Parse(gpt4.GeneratorJson!).RootElement.GetProperty("name").GetString());
        Assert.Equal(["wmt22-deen/generaltest2022.de-en.src.de", "wmt22-deen/systems/GPT-4.en"], JsonSerializer.Deserialize<string[]>(gpt4.FilesJson)!);
        Assert.Equal(1, records["wmt22/ChatGPT-gpt-3.5-turbo.zeroshot"].Failed);

        var multi30k = records["multi30k"];
        Assert.Equal((DatasetKind.Real, 29_000 + 1_014 + 1_000, 0), (multi30k.Kind, multi30k.Pairs, multi30k.Failed));
        Assert.True(multi30k.Available);
        Assert.Matches("^[0-9a-f]{64}$", multi30k.Sha256!);
        var multi30kFiles = JsonSerializer.Deserialize<string[]>(multi30k.FilesJson)!;
        Assert.Equal(multi30kFiles.Sum(f => new FileInfo(Path.Combine(SharedFolders.Data, f)).Length), multi30k.Bytes);
        Assert.Equal(Sha256Of(multi30kFiles.Select(f => Path.Combine(SharedFolders.Data, f))), multi30k.Sha256);
        Assert.Equal(33_531, records["newstest"].Pairs);
        Assert.Equal(17_565, records["tatoeba"].Pairs);
        Assert.Equal(1_984, records["wmt22"].Pairs);
        Assert.Equal(1_000, records["wmt21"].Pairs);
        Assert.Equal(19, records.Values.Count(r => r.Kind == DatasetKind.SystemOutput && r.CorpusId == "wmt21"));
        Assert.All(records.Values.Where(r => r.Kind == DatasetKind.Real), r => Assert.NotNull(r.Licence));

        var generated = records["local/wmt22-0123456789ab/low"];
        Assert.Equal((DatasetKind.Generated, 3, 1, "wmt22"), (generated.Kind, generated.Pairs, generated.Failed, generated.CorpusId));
        Assert.Equal("tiny local model", generated.Name);
    }

    [Fact]
    public async Task A_missing_or_malformed_file_marks_only_its_dataset_unavailable_and_a_fix_is_picked_up()
    {
        var data = Directory.CreateTempSubdirectory("regurgitate-catalog-data-").FullName;
        try
        {
            // wmt21 complete but one system output has a line too few; wmt22 has no files at all.
            Directory.CreateDirectory(Path.Combine(data, "wmt21-deen", "systems"));
            await File.WriteAllTextAsync(Path.Combine(data, "wmt21-deen", "newstest2021.de-en.src.de"), "Eins.\nZwei.\n");
            await File.WriteAllTextAsync(Path.Combine(data, "wmt21-deen", "newstest2021.de-en.ref.A.en"), "One.\nTwo.\n");
            var ok = Path.Combine(data, "wmt21-deen", "systems", "UEdin.en");
            await File.WriteAllTextAsync(ok, "One.\n\n");
            var broken = Path.Combine(data, "wmt21-deen", "systems", "SMU.en");
            await File.WriteAllTextAsync(broken, "One.\n");
            using var harness = await CatalogHarness.CreateAsync(data);

            var result = await harness.Catalog.ScanAsync(CancellationToken.None);

            await using (var context = await harness.Database.Factory.CreateDbContextAsync())
            {
                var records = await context.Datasets.AsNoTracking().ToDictionaryAsync(d => d.Id);
                Assert.True(records["wmt21"].Available);
                Assert.Equal((2, 1), (records["wmt21/UEdin"].Pairs, records["wmt21/UEdin"].Failed));
                Assert.False(records["wmt21/SMU"].Available);
                Assert.Contains("SMU.en", records["wmt21/SMU"].Problem, StringComparison.Ordinal);
                Assert.Contains("line counts differ", records["wmt21/SMU"].Problem, StringComparison.Ordinal);
                Assert.False(records["wmt22"].Available);
                Assert.StartsWith("Missing 2 files", records["wmt22"].Problem, StringComparison.Ordinal);
                Assert.Equal(result.Unavailable, records.Values.Count(r => !r.Available));
            }

            await File.WriteAllTextAsync(broken, "One.\nTwo.\n");
            File.SetLastWriteTimeUtc(broken, DateTime.UtcNow.AddMinutes(1));
            var rescan = await harness.Catalog.ScanAsync(CancellationToken.None);

            Assert.Equal(2, rescan.FilesHashed);
            await using (var context = await harness.Database.Factory.CreateDbContextAsync())
            {
                var smu = await context.Datasets.AsNoTracking().SingleAsync(d => d.Id == "wmt21/SMU");
                Assert.True(smu.Available);
                Assert.Null(smu.Problem);
                Assert.Equal(2, smu.Pairs);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_requests_share_one_scan_and_the_state_reports_progress()
    {
        using var harness = await CatalogHarness.CreateAsync(Directory.CreateTempSubdirectory("regurgitate-empty-data-").FullName);
        var states = new List<Workbench.Datasets.CatalogScanState>();
        harness.Catalog.StateChanged += s => { lock (states) { states.Add(s); } };

        var first = harness.Catalog.ScanAsync(CancellationToken.None);
        var second = harness.Catalog.ScanAsync(CancellationToken.None);
        var results = await Task.WhenAll(first, second);

        Assert.Same(results[0], results[1]);
        Assert.Equal(39, results[0].Unavailable);
        Assert.False(harness.Catalog.State.IsScanning);
        Assert.Same(results[0], harness.Catalog.State.LastResult);
        lock (states)
        {
            Assert.Contains(states, s => s.IsScanning && s.Total == 39);
        }
    }

    private static SyntheticTargetSet GeneratedSet()
    {
        var generator = new GeneratorDescriptor { Id = "local/wmt22-0123456789ab/low", Name = "tiny local model", Kind = GeneratorKind.Local };
        var at = DateTimeOffset.UnixEpoch;
        return new SyntheticTargetSet(generator,
        [
            new SyntheticTarget("Eins.", 0, "One.", null, new TranslationProvenance(generator.Id, null, at)),
            new SyntheticTarget("Zwei.", 0, "Two.", null, new TranslationProvenance(generator.Id, null, at)),
            new SyntheticTarget("Drei.", 0, null, "empty output", new TranslationProvenance(generator.Id, null, at)),
        ]);
    }

    private static string Sha256Of(IEnumerable<string> paths)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            sha.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
