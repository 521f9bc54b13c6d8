using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Storage;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Writes one experiment as a single zip: its runs' configurations, metric points (long CSV), test outputs,
/// training-set reports and training pairs, the learning curve, optionally each run's final checkpoint and tokenizer, and last a manifest
/// with the database rows and the SHA-256 of every entry. Entries are streamed one by one into the destination (which
/// need not be seekable), in a fixed order; configured secrets are redacted from every text entry.
/// </summary>
public sealed partial class ExperimentArchiveWriter(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    Folders.ArtifactFolders folders,
    SecretRedactor redactor,
    TimeProvider timeProvider,
    ILogger<ExperimentArchiveWriter> logger)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string ToolVersion { get; } =
        typeof(ExperimentArchiveWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>A file name for the archive of the named experiment (safe on every file system).</summary>
    public static string SuggestedFileName(string experimentName)
    {
        var slug = Datasets.SafeNames.Slug(experimentName);
        return (slug.Length == 0 ? "experiment" : slug) + ".regurgitate.zip";
    }

    /// <summary>Writes the archive to a file: into a temporary file beside it first, so a failed export leaves no partial archive.</summary>
    /// <exception cref="ExperimentArchiveException">No such experiment.</exception>
    public async Task<ArchiveExportResult> ExportToFileAsync(int experimentId, string path, bool includeCheckpoints, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        ArchiveExportResult? result = null;
        await AtomicFile.WriteAsync(full, async (file, token) => result = await WriteAsync(experimentId, file, includeCheckpoints, progress, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <exception cref="ExperimentArchiveException">No such experiment.</exception>
    public async Task<ArchiveExportResult> WriteAsync(int experimentId, Stream destination, bool includeCheckpoints, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Experiment experiment;
        List<Run> runs;
        Dictionary<int, int> pointCounts;
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            experiment = await context.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken).ConfigureAwait(false)
                ?? throw new ExperimentArchiveException($"Experiment {experimentId} does not exist.");
            runs = await context.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            pointCounts = await context.MetricPoints.Where(p => p.Run!.ExperimentId == experimentId).GroupBy(p => p.RunId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        }

        var createdAt = timeProvider.GetUtcNow();
        // Zip timestamps are local, 2-second, 1980+ values; one fixed stamp keeps the bytes independent of file times.
        var stamp = new DateTimeOffset(createdAt.UtcDateTime.AddTicks(-(createdAt.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero);
        var entries = new List<ArchiveEntry>();
        var manifestRuns = new List<ArchiveRun>();
        long points = 0;

        await using (var zip = await ZipArchive.CreateAsync(destination, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var run = runs[i];
                var folder = ArchiveFormat.RunFolder(i + 1);
                var runDirectory = folders.Verify(Folders.ArtifactFolders.OwnerOf(run));
                progress?.Report(new ArchiveProgress($"Run {run.Id} ({i + 1} of {runs.Count})", i, runs.Count));

                var configFile = Path.Combine(runDirectory, "config.json");
                var config = File.Exists(configFile) ? await File.ReadAllTextAsync(configFile, cancellationToken).ConfigureAwait(false) : run.ConfigJson;
                entries.Add(await WriteTextAsync(zip, $"{folder}/config.json", config, stamp, cancellationToken).ConfigureAwait(false));
                entries.Add(await WriteMetricsAsync(zip, $"{folder}/{ArchiveFormat.MetricsFile}", run.Id, stamp, cancellationToken).ConfigureAwait(false));
                foreach (var name in new[] { TestOutputs.SourceFile, TestOutputs.ReferenceFile, TestOutputs.HypothesisFile, ArchiveFormat.TrainingSetFile })
                {
                    var file = Path.Combine(runDirectory, name);
                    if (File.Exists(file))
                    {
                        entries.Add(await WriteTextAsync(zip, $"{folder}/{name}", await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), stamp, cancellationToken).ConfigureAwait(false));
                    }
                }

                var pairs = TrainingPairs.PathOf(runDirectory);
                if (File.Exists(pairs))
                {
                    entries.Add(await WriteGzipTextAsync(zip, $"{folder}/{TrainingPairs.FileName}", pairs, stamp, cancellationToken).ConfigureAwait(false));
                }

                if (includeCheckpoints)
                {
                    foreach (var (relative, file) in FinalCheckpointFiles(runDirectory))
                    {
                        // The tokenizer is text and can be redacted like the rest; a checkpoint is binary and can only be scanned.
                        entries.Add(relative.StartsWith(ArchiveFormat.TokenizerFolder + "/", StringComparison.Ordinal)
                            ? await WriteTextAsync(zip, $"{folder}/{relative}", await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), stamp, cancellationToken).ConfigureAwait(false)
                            : await WriteFileAsync(zip, $"{folder}/{relative}", file, stamp, cancellationToken).ConfigureAwait(false));
                    }
                }

                var count = pointCounts.GetValueOrDefault(run.Id);
                points += count;
                manifestRuns.Add(ToManifest(run, i + 1, count));
            }

            progress?.Report(new ArchiveProgress("Learning curve and manifest", runs.Count, runs.Count));
            entries.Add(await WriteTextAsync(zip, ArchiveFormat.LearningCurveEntry, LearningCurveCsv(runs), stamp, cancellationToken).ConfigureAwait(false));

            var manifest = new ArchiveManifest
            {
                FormatVersion = ArchiveFormat.Version,
                ToolVersion = ToolVersion,
                CreatedAt = createdAt,
                ExperimentName = redactor.Redact(experiment.Name),
                Description = redactor.RedactNullable(experiment.Description),
                SpecJson = redactor.RedactNullable(experiment.SpecJson),
                Status = experiment.Status,
                StatusMessage = redactor.RedactNullable(experiment.StatusMessage),
                ExperimentCreatedAt = experiment.CreatedAt,
                IncludesCheckpoints = includeCheckpoints,
                Runs = manifestRuns,
                Entries = entries,
            };
            await WriteTextAsync(zip, ArchiveFormat.ManifestEntry, JsonSerializer.Serialize(manifest, ArchiveFormat.Json), stamp, cancellationToken).ConfigureAwait(false);
        }

        var result = new ArchiveExportResult(experiment.Name, runs.Count, points, entries.Count + 1, entries.Sum(e => e.Length));
        LogExported(experimentId, result.Runs, result.MetricPoints, result.Entries);
        return result;
    }

    /// <summary>
    /// Rows of the experiment's test-BLEU and test-chrF learning curves (mean, sd, range over seeds; mean steps and target tokens
    /// trained, empty where a run recorded none); a fine-tuning experiment's rows start at size 0 with the pretrained model's score.
    /// </summary>
    public static string LearningCurveCsv(IEnumerable<Run> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = runs.Select(r => new ExperimentRunRow(
            r.Id, r.Role, r.Condition, r.TrainSize, r.Seed, r.RealFraction, r.Status, r.LastStep, r.MaxSteps, r.PhaseMessage,
            r.TestBleu, r.TestChrF, r.TestBleuSignature, r.StartedAt, r.FinishedAt, r.ParameterCount,
            r.TrainingPairs, r.PairsDropped, r.TargetTokens, r.SourceTokens)).ToList();
        List<IEnumerable<string>> records = [["metric", "condition", "size", "mean", "sd", "min", "max", "seeds", "steps", "target_tokens"]];
        foreach (var (metric, select) in new (string, Func<ExperimentRunRow, double?>)[] { ("bleu", r => r.TestBleu), ("chrf", r => r.TestChrF) })
        {
            foreach (var series in LearningCurve.From(rows, select, pretrainedAtSizeZero: true))
            {
                foreach (var p in series.Points)
                {
                    records.Add([metric, series.Condition, Invariant($"{p.Size}"), R(p.Mean), R(p.StandardDeviation), R(p.Min), R(p.Max), Invariant($"{p.Seeds}"), R(p.Steps), R(p.TargetTokens)]);
                }
            }
        }

        return CsvFile.ToText(records, CsvFile.Lf);
    }

    /// <summary>The newest checkpoint (with its checksum file) and the run's tokenizer: enough to decode with the run again.</summary>
    private static IEnumerable<(string Relative, string File)> FinalCheckpointFiles(string runDirectory)
    {
        var checkpoints = Path.Combine(runDirectory, ArchiveFormat.CheckpointsFolder);
        var latest = Directory.Exists(checkpoints)
            ? Directory.GetFiles(checkpoints, "step-*.pt").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (latest is not null)
        {
            yield return ($"{ArchiveFormat.CheckpointsFolder}/{Path.GetFileName(latest)}", latest);
            var checksum = latest + ".sha256";
            if (File.Exists(checksum))
            {
                yield return ($"{ArchiveFormat.CheckpointsFolder}/{Path.GetFileName(checksum)}", checksum);
            }
        }

        var tokenizer = Path.Combine(runDirectory, ArchiveFormat.TokenizerFolder);
        if (Directory.Exists(tokenizer))
        {
            foreach (var file in Directory.GetFiles(tokenizer).Order(StringComparer.Ordinal))
            {
                yield return ($"{ArchiveFormat.TokenizerFolder}/{Path.GetFileName(file)}", file);
            }
        }
    }

    private async Task<ArchiveEntry> WriteTextAsync(ZipArchive zip, string name, string text, DateTimeOffset stamp, CancellationToken cancellationToken)
    {
        var bytes = Utf8.GetBytes(redactor.Redact(text));
        return await WriteEntryAsync(zip, name, stamp, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A gzip'd text file (the training pairs), redacted like every text entry and compressed again.</summary>
    private async Task<ArchiveEntry> WriteGzipTextAsync(ZipArchive zip, string name, string file, DateTimeOffset stamp, CancellationToken cancellationToken)
    {
        string text;
        await using (var source = new GZipStream(File.OpenRead(file), CompressionMode.Decompress))
        using (var reader = new StreamReader(source, Utf8))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        var bytes = Utf8.GetBytes(redactor.Redact(text));
        return await WriteEntryAsync(zip, name, stamp, async (stream, ct) =>
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            await gzip.WriteAsync(bytes, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies a binary file; a configured secret found in it stops the export (it cannot be redacted without corrupting the file).</summary>
    private Task<ArchiveEntry> WriteFileAsync(ZipArchive zip, string name, string file, DateTimeOffset stamp, CancellationToken cancellationToken)
    {
        var secrets = redactor.SecretBytes;
        var overlap = secrets.Count == 0 ? 0 : secrets.Max(s => s.Length) - 1;
        return WriteEntryAsync(zip, name, stamp, async (stream, ct) =>
        {
            await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            // Each window holds the previous chunk's last bytes too, so a secret split across two reads is still found.
            var window = new byte[overlap + (1 << 16)];
            var carried = 0;
            int read;
            while ((read = await source.ReadAsync(window.AsMemory(carried, 1 << 16), ct).ConfigureAwait(false)) > 0)
            {
                var filled = carried + read;
                if (secrets.Any(secret => window.AsSpan(0, filled).IndexOf(secret) >= 0))
                {
                    throw new ExperimentArchiveException($"'{file}' contains a configured secret (an API key or password); it is not exported. Export without checkpoints, or remove the secret from the file.");
                }

                await stream.WriteAsync(window.AsMemory(carried, read), ct).ConfigureAwait(false);
                carried = Math.Min(overlap, filled);
                window.AsSpan(filled - carried, carried).CopyTo(window);
            }
        }, cancellationToken);
    }

    private async Task<ArchiveEntry> WriteMetricsAsync(ZipArchive zip, string name, int runId, DateTimeOffset stamp, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await WriteEntryAsync(zip, name, stamp, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            await using var csv = CsvFile.OpenWriter(writer, CsvFile.Lf);
            CsvFile.WriteRecord(csv, ArchiveFormat.MetricsHeader.Split(','));
            var query = context.MetricPoints.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Step).ThenBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new { p.Step, p.Name, p.Value, p.Timestamp });
            await foreach (var p in query.AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
            {
                csv.WriteField(Invariant($"{p.Step}"));
                csv.WriteField(redactor.Redact(p.Name));
                csv.WriteField(R(p.Value));
                csv.WriteField(Invariant($"{p.Timestamp:O}"));
                await csv.EndRecordAsync(ct).ConfigureAwait(false);
            }

            await csv.FlushAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ArchiveEntry> WriteEntryAsync(ZipArchive zip, string name, DateTimeOffset stamp, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var hashing = new HashingStream(stream);
        await write(hashing, cancellationToken).ConfigureAwait(false);
        return new ArchiveEntry(name, hashing.BytesWritten, hashing.HexDigest());
    }

    private ArchiveRun ToManifest(Run run, int index, int points) => new()
    {
        Index = index,
        OriginalId = run.Id,
        ConfigJson = redactor.Redact(run.ConfigJson),
        CorpusId = run.CorpusId,
        Role = run.Role,
        Condition = run.Condition,
        TrainSize = run.TrainSize,
        Seed = run.Seed,
        RealFraction = run.RealFraction,
        Priority = run.Priority,
        Attempt = run.Attempt,
        Tags = redactor.RedactNullable(run.Tags),
        MaxSteps = run.MaxSteps,
        LastStep = run.LastStep,
        Status = run.Status,
        Message = redactor.RedactNullable(run.Message),
        PhaseMessage = redactor.RedactNullable(run.PhaseMessage),
        Device = run.Device,
        ParameterCount = run.ParameterCount,
        Threads = run.Threads,
        TrainingPairs = run.TrainingPairs,
        PairsDropped = run.PairsDropped,
        TargetTokens = run.TargetTokens,
        SourceTokens = run.SourceTokens,
        CreatedAt = run.CreatedAt,
        StartedAt = run.StartedAt,
        FinishedAt = run.FinishedAt,
        TestBleu = run.TestBleu,
        TestBleuSignature = run.TestBleuSignature,
        TestChrF = run.TestChrF,
        TestChrFSignature = run.TestChrFSignature,
        LatestSamplesJson = redactor.RedactNullable(run.LatestSamplesJson),
        MetricPoints = points,
    };

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Empty for a point whose runs recorded no training budget.</summary>
    private static string R(double? value) => value is { } known ? R(known) : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported experiment {ExperimentId}: {Runs} runs, {Points} metric points, {Entries} entries")]
    private partial void LogExported(int experimentId, int runs, long points, int entries);
}
