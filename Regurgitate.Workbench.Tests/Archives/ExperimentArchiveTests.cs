using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;
using Xunit.Abstractions;

namespace Regurgitate.Workbench.Tests.Archives;

/// <summary>Export to a zip and import into another workbench (real SQLite, real run folders), and every way an archive is refused.</summary>
public sealed class ExperimentArchiveTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-archive-files-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Round_trip_keeps_spec_runs_points_test_outputs_and_learning_curve_and_never_starts_imported_runs()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var experimentId = await source.SeedAsync(runs: 2, pointsPerRun: 40);
        var file = Path.Combine(dir, "toy.zip");
        var exported = await source.Writer.ExportToFileAsync(experimentId, file, includeCheckpoints: false, null, CancellationToken.None);
        Assert.Equal(2, exported.Runs);
        Assert.Equal(80, exported.MetricPoints);

        using (var zip = ZipFile.OpenRead(file))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Equal(
                [
                    "runs/1/config.json", "runs/1/metrics.csv", "runs/1/test.src.de", "runs/1/test.ref.en", "runs/1/test.hyp.en", "runs/1/training-set.json", "runs/1/training-pairs.jsonl.gz",
                    "runs/2/config.json", "runs/2/metrics.csv", "runs/2/test.src.de", "runs/2/test.ref.en", "runs/2/test.hyp.en", "runs/2/training-set.json", "runs/2/training-pairs.jsonl.gz",
                    "figures/learning-curve.csv", "manifest.json",
                ],
                names);
            Assert.DoesNotContain(names, n => n.Contains("checkpoint", StringComparison.Ordinal) || n.Contains("tokenizer", StringComparison.Ordinal));
            using var metrics = new StreamReader(zip.GetEntry("runs/1/metrics.csv")!.Open());
            Assert.Equal(ArchiveFormat.MetricsHeader, await metrics.ReadLineAsync());
        }

        using var target = await ArchiveWorkbench.CreateAsync();
        var imported = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
        Assert.Equal(("archive toy", 2, 80L), (imported.ExperimentName, imported.Runs, imported.MetricPoints));

        await using var from = await source.Factory.CreateDbContextAsync();
        await using var to = await target.Factory.CreateDbContextAsync();
        var original = await from.Experiments.AsNoTracking().SingleAsync();
        var copy = await to.Experiments.AsNoTracking().SingleAsync();
        Assert.Equal(original.SpecJson, copy.SpecJson);
        Assert.Equal(ExperimentSpecJson.Serialize(ArchiveWorkbench.Spec), ExperimentSpecJson.Serialize(ExperimentSpecJson.Parse(copy.SpecJson!)));
        Assert.Equal((original.Description, original.Status, original.CreatedAt), (copy.Description, copy.Status, copy.CreatedAt));

        var originalRuns = await from.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var copiedRuns = await to.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, copiedRuns.Count);
        for (var i = 0; i < 2; i++)
        {
            var (a, b) = (originalRuns[i], copiedRuns[i]);
            Assert.Equal(
                (a.ConfigJson, a.CorpusId, a.Role, a.Condition, a.TrainSize, a.Seed, a.RealFraction, a.Tags, a.TestBleu, a.TestBleuSignature, a.TestChrF, a.TestChrFSignature),
                (b.ConfigJson, b.CorpusId, b.Role, b.Condition, b.TrainSize, b.Seed, b.RealFraction, b.Tags, b.TestBleu, b.TestBleuSignature, b.TestChrF, b.TestChrFSignature));
            Assert.Equal((a.LastStep, a.CreatedAt, a.StartedAt, a.LatestSamplesJson), (b.LastStep, b.CreatedAt, b.StartedAt, b.LatestSamplesJson));
            Assert.Equal((12_345L, 12_345L), (a.ParameterCount, b.ParameterCount));
            Assert.Equal((2, 2), (a.Threads, b.Threads));

            var pointsA = await from.MetricPoints.AsNoTracking().Where(p => p.RunId == a.Id).OrderBy(p => p.Id).Select(p => new { p.Step, p.Name, p.Value, p.Timestamp }).ToListAsync();
            var pointsB = await to.MetricPoints.AsNoTracking().Where(p => p.RunId == b.Id).OrderBy(p => p.Step).ThenBy(p => p.Name).Select(p => new { p.Step, p.Name, p.Value, p.Timestamp }).ToListAsync();
            Assert.Equal(pointsA.OrderBy(p => p.Step).ThenBy(p => p.Name, StringComparer.Ordinal), pointsB);

            foreach (var name in new[] { TestOutputs.SourceFile, TestOutputs.ReferenceFile, TestOutputs.HypothesisFile, "training-set.json", "config.json" })
            {
                Assert.Equal(
                    await File.ReadAllBytesAsync(Path.Combine(source.RunsDirectory, a.Id.ToString(), name)),
                    await File.ReadAllBytesAsync(Path.Combine(target.RunsDirectory, b.Id.ToString(), name)));
            }

            var pairsA = await TrainingPairs.ReadAsync(Path.Combine(source.RunsDirectory, a.Id.ToString()), CancellationToken.None);
            var pairsB = await TrainingPairs.ReadAsync(Path.Combine(target.RunsDirectory, b.Id.ToString()), CancellationToken.None);
            Assert.Equal(2, pairsA!.Count);
            Assert.Equal(pairsA, pairsB);
            Assert.False(File.Exists(Path.Combine(target.RunsDirectory, b.Id.ToString(), ArchiveFormat.MetricsFile)));

            // The imported folder names its new row, so it is read as that row's own, not set aside.
            Assert.Equal(FolderState.Owned, FolderOwnership.Check(Path.Combine(target.RunsDirectory, b.Id.ToString()), ArtifactFolders.OwnerOf(b)));
        }

        Assert.Equal(RunStatus.Completed, copiedRuns[0].Status);
        Assert.Equal(RunStatus.Interrupted, copiedRuns[1].Status);
        Assert.Contains("never start by themselves", copiedRuns[1].Message, StringComparison.Ordinal);

        var queries = (IExperimentQueries)new ExperimentQueries(source.Factory);
        var curveA = LearningCurve.From((await queries.GetAsync(experimentId, CancellationToken.None))!.Runs);
        var curveB = LearningCurve.From((await new ExperimentQueries(target.Factory).GetAsync(imported.ExperimentId, CancellationToken.None))!.Runs);
        Assert.NotEmpty(curveA);
        Assert.Equal(JsonSerializer.Serialize(curveA), JsonSerializer.Serialize(curveB));

        // The same archive again: a new experiment beside the first, never a merge.
        var second = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
        Assert.Equal("archive toy (imported)", second.ExperimentName);
        var third = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
        Assert.Equal("archive toy (imported 2)", third.ExperimentName);
        Assert.DoesNotContain(target.RunsFolderListing(), p => p.StartsWith(".import-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_archive_from_before_runs_recorded_their_parameter_count_imports_without_one()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var current = Path.Combine(dir, "current.zip");
        await source.Writer.ExportToFileAsync(await source.SeedAsync(runs: 2, pointsPerRun: 5), current, false, null, CancellationToken.None);
        var old = Path.Combine(dir, "old.zip");
        await File.WriteAllBytesAsync(old, ArchiveTampering.Rewrite(await File.ReadAllBytesAsync(current), (manifest, _) =>
        {
            foreach (var run in manifest["runs"]!.AsArray())
            {
                Assert.True(run!.AsObject().Remove("parameterCount"));
            }
        }));

        using var target = await ArchiveWorkbench.CreateAsync();
        var imported = await target.Importer.ImportFileAsync(old, null, CancellationToken.None);

        var runs = (await new ExperimentQueries(target.Factory).GetAsync(imported.ExperimentId, CancellationToken.None))!.Runs;
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Null(r.ParameterCount));
    }

    [Fact]
    public async Task Checkpoints_are_only_exported_on_request_and_then_only_the_final_one_with_the_tokenizer()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var experimentId = await source.SeedAsync(runs: 1, pointsPerRun: 4);
        var file = Path.Combine(dir, "with-checkpoint.zip");
        await source.Writer.ExportToFileAsync(experimentId, file, includeCheckpoints: true, null, CancellationToken.None);
        using (var zip = ZipFile.OpenRead(file))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("runs/1/checkpoints/step-00000010.pt", names);
            Assert.Contains("runs/1/checkpoints/step-00000010.pt.sha256", names);
            Assert.Contains("runs/1/tokenizer/vocab.json", names);
            Assert.DoesNotContain("runs/1/checkpoints/step-00000005.pt", names);
        }

        using var target = await ArchiveWorkbench.CreateAsync();
        var imported = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
        await using var context = await target.Factory.CreateDbContextAsync();
        var runId = await context.Runs.Where(r => r.ExperimentId == imported.ExperimentId).Select(r => r.Id).SingleAsync();
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(source.RunsDirectory, "1", "checkpoints", "step-00000010.pt")),
            await File.ReadAllBytesAsync(Path.Combine(target.RunsDirectory, runId.ToString(), "checkpoints", "step-00000010.pt")));
    }

    public static TheoryData<string, string> BadArchives => new()
    {
        { "checksum", "SHA-256 mismatch" },
        { "truncated", "not a readable zip archive" },
        { "traversal", "'../../evil.txt': an unsafe path" },
        { "absolute", "'/etc/evil': an unsafe path" },
        { "version", "unknown format version 99" },
        { "bomb", "possible zip bomb" },
        { "unlisted", "'figures/extra.csv' is not listed" },
        { "missing", "'runs/2/test.hyp.en' is listed in manifest.json but missing" },
        { "config", "Entry 'runs/1/config.json': not a valid run configuration" },
        { "spec", "the experiment spec is not valid" },
        { "metrics", "Entry 'runs/2/metrics.csv', line 3" },
        { "empty", "not a readable zip archive" },
        { "importing", "status 'Importing' is not the status of an exported experiment" },
    };

    [Theory]
    [MemberData(nameof(BadArchives))]
    public async Task A_bad_archive_is_refused_naming_the_problem_and_leaves_database_and_runs_folder_unchanged(string defect, string expected)
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var good = Path.Combine(dir, "good.zip");
        await source.Writer.ExportToFileAsync(await source.SeedAsync(runs: 2, pointsPerRun: 10), good, false, null, CancellationToken.None);
        var bad = Path.Combine(dir, defect + ".zip");
        await File.WriteAllBytesAsync(bad, ArchiveTampering.Damage(await File.ReadAllBytesAsync(good), defect));

        using var target = await ArchiveWorkbench.CreateAsync();
        await target.SeedAsync(runs: 1, pointsPerRun: 3);
        var rowsBefore = await target.ExperimentCountAsync();
        var filesBefore = target.RunsFolderListing();

        var error = await Assert.ThrowsAsync<ExperimentArchiveException>(() => target.Importer.ImportFileAsync(bad, null, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(rowsBefore, await target.ExperimentCountAsync());
        Assert.Equal(filesBefore, target.RunsFolderListing());
    }

    [Fact]
    public async Task A_failure_while_moving_run_folders_rolls_back_the_database_and_removes_folders_already_moved()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var file = Path.Combine(dir, "good.zip");
        await source.Writer.ExportToFileAsync(await source.SeedAsync(runs: 2, pointsPerRun: 10), file, false, null, CancellationToken.None);

        using var target = await ArchiveWorkbench.CreateAsync();
        // A stray folder where the second imported run's folder would go (run ids start at 1 in a fresh database).
        Directory.CreateDirectory(Path.Combine(target.RunsDirectory, "2"));
        var filesBefore = target.RunsFolderListing();

        var error = await Assert.ThrowsAsync<ExperimentArchiveException>(() => target.Importer.ImportFileAsync(file, null, CancellationToken.None));

        Assert.Contains("exists already", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await target.ExperimentCountAsync());
        Assert.Equal(filesBefore, target.RunsFolderListing());
    }

    [Fact]
    public async Task An_archive_never_contains_a_configured_secret_even_one_that_leaked_into_run_files_and_messages()
    {
        var canary = "sk-canary-" + Guid.NewGuid().ToString("N");
        var password = "pw-canary-" + Guid.NewGuid().ToString("N");
        using var source = await ArchiveWorkbench.CreateAsync(new Dictionary<string, string?>
        {
            ["Regurgitate:Llm:ApiKey"] = canary,
            ["Regurgitate:Security:SharedPassword"] = password,
        });
        var experimentId = await source.SeedAsync(runs: 2, pointsPerRun: 6, hypothesisExtra: " " + canary, runMessage: $"HTTP 401 for key {canary} / {password}");
        await File.WriteAllTextAsync(Path.Combine(source.RunsDirectory, "1", "llm-debug.log"), canary);
        await File.AppendAllTextAsync(Path.Combine(source.RunsDirectory, "1", "tokenizer", "vocab.json"), canary);
        await using (var context = await source.Factory.CreateDbContextAsync())
        {
            await context.Experiments.ExecuteUpdateAsync(s => s.SetProperty(e => e.StatusMessage, "stopped: " + canary));
        }

        var file = Path.Combine(dir, "secret.zip");
        await source.Writer.ExportToFileAsync(experimentId, file, includeCheckpoints: true, null, CancellationToken.None);

        var raw = await File.ReadAllBytesAsync(file);
        Assert.Equal(-1, raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)));
        using var zip = ZipFile.OpenRead(file);
        var redacted = 0;
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.FullName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(entry.Open(), CompressionMode.Decompress) : entry.Open());
            var text = await reader.ReadToEndAsync();
            Assert.False(text.Contains(canary, StringComparison.Ordinal), $"{entry.FullName} contains the API key");
            Assert.False(text.Contains(password, StringComparison.Ordinal), $"{entry.FullName} contains the password");
            redacted += text.Contains(SecretRedactor.Redacted, StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(redacted >= 3, "the hypotheses, the run messages and the tokenizer carried the canary and should show it redacted");
        using (var pairs = new StreamReader(new GZipStream(zip.GetEntry("runs/1/training-pairs.jsonl.gz")!.Open(), CompressionMode.Decompress)))
        {
            Assert.Contains(SecretRedactor.Redacted, await pairs.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith("llm-debug.log", StringComparison.Ordinal));

        // A checkpoint is binary: it cannot be redacted, so a secret inside it stops the export, leaving no file.
        var checkpoint = Path.Combine(source.RunsDirectory, "2", "checkpoints", "step-00000010.pt");
        await File.WriteAllBytesAsync(checkpoint, [.. new byte[70_000], .. Encoding.UTF8.GetBytes(canary), .. new byte[10]]);
        var refused = Path.Combine(dir, "refused.zip");
        var error = await Assert.ThrowsAsync<ExperimentArchiveException>(() => source.Writer.ExportToFileAsync(experimentId, refused, includeCheckpoints: true, null, CancellationToken.None));
        Assert.Contains("contains a configured secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(refused));
        Assert.Empty(Directory.GetFiles(dir, "refused.zip*"));

        // The redacted archive still verifies and imports.
        using var target = await ArchiveWorkbench.CreateAsync();
        await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
    }

    [Fact]
    public async Task Export_and_import_of_20_runs_with_5000_points_each_is_fast()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var seed = Stopwatch.StartNew();
        var experimentId = await source.SeedAsync(runs: 20, pointsPerRun: 5_000);
        output.WriteLine($"seeding 100,000 points: {seed.Elapsed.TotalSeconds:0.00} s");

        var file = Path.Combine(dir, "big.zip");
        var export = Stopwatch.StartNew();
        var exported = await source.Writer.ExportToFileAsync(experimentId, file, false, null, CancellationToken.None);
        export.Stop();

        using var target = await ArchiveWorkbench.CreateAsync();
        var import = Stopwatch.StartNew();
        var imported = await target.Importer.ImportFileAsync(file, null, CancellationToken.None);
        import.Stop();

        Assert.Equal(100_000, exported.MetricPoints);
        Assert.Equal(100_000, imported.MetricPoints);
        output.WriteLine($"20 runs x 5,000 points: export {export.Elapsed.TotalSeconds:0.00} s ({new FileInfo(file).Length / 1024.0:N0} KiB), import {import.Elapsed.TotalSeconds:0.00} s");
        Assert.True(export.Elapsed < TimeSpan.FromSeconds(30), $"export took {export.Elapsed}");
        Assert.True(import.Elapsed < TimeSpan.FromSeconds(30), $"import took {import.Elapsed}");
    }

    [Fact]
    public async Task Export_streams_into_a_forward_only_stream_like_a_response_body()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var experimentId = await source.SeedAsync(runs: 2, pointsPerRun: 500);
        using var sink = new ForwardOnlySink();

        var result = await source.Writer.WriteAsync(experimentId, sink, includeCheckpoints: true, null, CancellationToken.None);

        Assert.Equal(1000, result.MetricPoints);
        var file = Path.Combine(dir, "streamed.zip");
        await File.WriteAllBytesAsync(file, sink.Written.ToArray());
        using var target = await ArchiveWorkbench.CreateAsync();
        Assert.Equal(1000, (await target.Importer.ImportFileAsync(file, null, CancellationToken.None)).MetricPoints);
    }

    [Fact]
    public async Task Export_honours_cancellation_and_leaves_no_partial_file()
    {
        using var source = await ArchiveWorkbench.CreateAsync();
        var experimentId = await source.SeedAsync(runs: 2, pointsPerRun: 10);
        var file = Path.Combine(dir, "cancelled.zip");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.Writer.ExportToFileAsync(experimentId, file, false, null, cancelled.Token));

        Assert.Empty(Directory.GetFiles(dir));
    }
}
