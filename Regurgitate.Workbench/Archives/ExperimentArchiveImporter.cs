using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Imports an experiment archive as a new experiment. Everything is checked before anything changes: size and
/// compression-ratio limits, entry names, the manifest's format version, every entry's SHA-256, and that the spec,
/// each configuration and each metrics file parse. Only then, in one transaction, the experiment, its runs and their
/// metric points are inserted and the run folders, extracted into a staging folder beside the runs, are moved into
/// place. A refused or failed import leaves the database and the runs folder as they were.
/// Imported runs never start by themselves: runs that were queued or running arrive Interrupted.
/// </summary>
public sealed partial class ExperimentArchiveImporter(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    Folders.ArtifactFolders folders,
    IOptions<ArchiveOptions> options,
    TimeProvider timeProvider,
    ILogger<ExperimentArchiveImporter> logger) : IExperimentArchiveImporter
{
    public const string ImportedSuffix = " (imported)";
    private const int MaxNameLength = 200;
    private static readonly DateTimeOffsetToBinaryConverter TimestampConverter = new();

    public long MaxArchiveBytes => options.Value.MaxArchiveBytes;

    /// <exception cref="ExperimentArchiveException">The archive was refused; the message names the entry and the problem.</exception>
    public async Task<ArchiveImportResult> ImportFileAsync(string path, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ExperimentArchiveException($"Archive '{Path.GetFullPath(path)}' does not exist.");
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await ImportAsync(file, Path.GetFileName(path), progress, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="archive">The zip; a stream that cannot seek (an upload) is first copied to a temporary file, within the size limit.</param>
    /// <param name="displayName">The archive's name in messages.</param>
    /// <param name="progress">Receives a message per phase.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is kept.</param>
    /// <exception cref="ExperimentArchiveException">The archive was refused; the message names the entry and the problem.</exception>
    public async Task<ArchiveImportResult> ImportAsync(Stream archive, string displayName, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var limits = options.Value;
        // The staging folder lies beside the run folders, so moving a run folder into place is a rename on one volume.
        var runsRoot = folders.RunsRoot;
        var staging = Path.Combine(runsRoot, ".import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var seekable = archive;
            if (!archive.CanSeek)
            {
                var copy = Path.Combine(staging, "upload.zip");
                seekable = new FileStream(copy, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await CopyLimitedAsync(archive, seekable, limits.MaxArchiveBytes, () => TooLarge(displayName, limits.MaxArchiveBytes), cancellationToken).ConfigureAwait(false);
                seekable.Position = 0;
            }
            else if (archive.Length - archive.Position > limits.MaxArchiveBytes)
            {
                throw TooLarge(displayName, limits.MaxArchiveBytes);
            }

            try
            {
                progress?.Report(new ArchiveProgress("Checking the archive", 0, 0));
                var content = await ValidateAndStageAsync(seekable, displayName, staging, progress, cancellationToken).ConfigureAwait(false);
                progress?.Report(new ArchiveProgress("Writing to the database", 0, 0));
                var result = await CommitAsync(content, staging, cancellationToken).ConfigureAwait(false);
                LogImported(result.ExperimentId, result.ExperimentName, result.Runs, result.MetricPoints);
                return result;
            }
            finally
            {
                if (!ReferenceEquals(seekable, archive))
                {
                    await seekable.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            TryDelete(staging);
        }
    }

    private async Task<StagedArchive> ValidateAndStageAsync(Stream archive, string displayName, string staging, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new ExperimentArchiveException($"'{displayName}' is not a readable zip archive (truncated or corrupt): {ex.Message}", ex);
        }

        await using (zip.ConfigureAwait(false))
        {
            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') && entry.Length == 0)
                {
                    // Folder entries carry nothing; tools that re-zip an archive add them.
                    continue;
                }

                if (ArchiveEntryNames.Problem(entry.FullName) is { } problem)
                {
                    throw new ExperimentArchiveException($"Entry '{entry.FullName}': {problem}; the archive is refused.");
                }

                if (!files.TryAdd(entry.FullName, entry))
                {
                    throw new ExperimentArchiveException($"Entry '{entry.FullName}' occurs twice; the archive is refused.");
                }

                total += entry.Length;
                if (total > limits.MaxUncompressedBytes)
                {
                    throw new ExperimentArchiveException($"Entry '{entry.FullName}': the entries expand to more than {limits.MaxUncompressedBytes:N0} bytes ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxUncompressedBytes)}); refused as a possible zip bomb.");
                }

                if (entry.Length > limits.RatioCheckFromBytes && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw new ExperimentArchiveException($"Entry '{entry.FullName}' expands {entry.Length / (double)Math.Max(1, entry.CompressedLength):N0}× ({entry.CompressedLength:N0} → {entry.Length:N0} bytes), more than {limits.MaxCompressionRatio:N0}× ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxCompressionRatio)}); refused as a possible zip bomb.");
                }
            }

            if (!files.Remove(ArchiveFormat.ManifestEntry, out var manifestEntry))
            {
                throw new ExperimentArchiveException($"'{displayName}' has no {ArchiveFormat.ManifestEntry}; it is not an experiment archive.");
            }

            var manifest = await ReadManifestAsync(manifestEntry, limits.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
            var listed = new Dictionary<string, ArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in manifest.Entries)
            {
                if (!listed.TryAdd(entry.Name, entry))
                {
                    throw new ExperimentArchiveException($"{ArchiveFormat.ManifestEntry}: entry '{entry.Name}' is listed twice.");
                }

                if (!files.ContainsKey(entry.Name))
                {
                    throw new ExperimentArchiveException($"Entry '{entry.Name}' is listed in {ArchiveFormat.ManifestEntry} but missing from the archive.");
                }
            }

            if (files.Keys.FirstOrDefault(name => !listed.ContainsKey(name)) is { } unlisted)
            {
                throw new ExperimentArchiveException($"Entry '{unlisted}' is not listed in {ArchiveFormat.ManifestEntry}; the archive was modified.");
            }

            var runIndexes = manifest.Runs.Select(r => r.Index).ToList();
            if (runIndexes.Distinct().Count() != runIndexes.Count || !runIndexes.Order().SequenceEqual(Enumerable.Range(1, runIndexes.Count)))
            {
                throw new ExperimentArchiveException($"{ArchiveFormat.ManifestEntry}: run indexes must be 1..{runIndexes.Count}, each once.");
            }

            if (files.Keys.Select(ArchiveEntryNames.RunIndexOf).FirstOrDefault(i => i is { } index && index > runIndexes.Count) is { } stray)
            {
                throw new ExperimentArchiveException($"Entry '{ArchiveFormat.RunFolder(stray)}/…' belongs to no run of {ArchiveFormat.ManifestEntry}.");
            }

            // Every entry is extracted (bounded by its manifest length) and its checksum verified before anything else is believed.
            var done = 0;
            foreach (var (name, expected) in listed.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ExtractVerifiedAsync(files[name], expected, Path.Combine(staging, name.Replace('/', Path.DirectorySeparatorChar)), cancellationToken).ConfigureAwait(false);
                if (++done % 20 == 0)
                {
                    progress?.Report(new ArchiveProgress($"Verified {done} of {listed.Count} entries", done, listed.Count));
                }
            }

            if (manifest.SpecJson is not null)
            {
                try
                {
                    ExperimentSpecJson.Parse(manifest.SpecJson, ArchiveFormat.ManifestEntry);
                }
                catch (ExperimentSpecException ex)
                {
                    throw new ExperimentArchiveException($"{ArchiveFormat.ManifestEntry}: the experiment spec is not valid: {ex.Message}", ex);
                }
            }

            var points = new List<StagedPoints>();
            foreach (var run in manifest.Runs.OrderBy(r => r.Index))
            {
                var folder = ArchiveFormat.RunFolder(run.Index);
                ParseConfig(run.ConfigJson, $"{ArchiveFormat.ManifestEntry} (run {run.Index})");
                var configEntry = $"{folder}/config.json";
                if (!listed.ContainsKey(configEntry))
                {
                    throw new ExperimentArchiveException($"Entry '{configEntry}' is missing: every run needs its configuration.");
                }

                ParseConfig(await File.ReadAllTextAsync(Path.Combine(staging, folder, "config.json"), cancellationToken).ConfigureAwait(false), $"Entry '{configEntry}'");
                var metricsEntry = $"{folder}/{ArchiveFormat.MetricsFile}";
                if (!listed.ContainsKey(metricsEntry))
                {
                    throw new ExperimentArchiveException($"Entry '{metricsEntry}' is missing: every run needs its metrics (even with no points).");
                }

                var parsed = await ReadMetricsAsync(Path.Combine(staging, folder, ArchiveFormat.MetricsFile), metricsEntry, cancellationToken).ConfigureAwait(false);
                if (parsed.Count != run.MetricPoints)
                {
                    throw new ExperimentArchiveException($"Entry '{metricsEntry}' has {parsed.Count:N0} points; {ArchiveFormat.ManifestEntry} says {run.MetricPoints:N0}.");
                }

                points.Add(parsed);
            }

            return new StagedArchive(manifest, points);
        }
    }

    private static async Task<ArchiveManifest> ReadManifestAsync(ZipArchiveEntry entry, long maxBytes, CancellationToken cancellationToken)
    {
        if (entry.Length > maxBytes)
        {
            throw new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}' is {entry.Length:N0} bytes, more than {maxBytes:N0} ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxManifestBytes)}).");
        }

        byte[] bytes;
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await CopyLimitedAsync(stream, buffer, maxBytes, () => new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}' expands beyond {maxBytes:N0} bytes."), cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}' cannot be read (the archive is truncated or corrupt): {ex.Message}", ex);
        }

        try
        {
            using (var document = JsonDocument.Parse(bytes))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("formatVersion", out var version)
                    || version.ValueKind != JsonValueKind.Number
                    || !version.TryGetInt32(out var number))
                {
                    throw new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}' has no formatVersion; it is not an experiment archive.");
                }

                if (number != ArchiveFormat.Version)
                {
                    throw new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}': unknown format version {number}; this version of Regurgitate reads format version {ArchiveFormat.Version}.");
                }
            }

            return JsonSerializer.Deserialize<ArchiveManifest>(bytes, ArchiveFormat.Json)
                ?? throw new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}' is null.");
        }
        catch (JsonException ex)
        {
            throw new ExperimentArchiveException($"Entry '{ArchiveFormat.ManifestEntry}' is not a valid manifest: {ex.Message}", ex);
        }
    }

    private static async Task ExtractVerifiedAsync(ZipArchiveEntry entry, ArchiveEntry expected, string target, CancellationToken cancellationToken)
    {
        if (entry.Length != expected.Length)
        {
            throw new ExperimentArchiveException($"Entry '{expected.Name}' is {entry.Length:N0} bytes; {ArchiveFormat.ManifestEntry} says {expected.Length:N0}: the archive is corrupt or was modified.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string actual;
        try
        {
            await using var source = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using var hashing = new HashingStream(file);
            await CopyLimitedAsync(source, hashing, expected.Length, () => new ExperimentArchiveException($"Entry '{expected.Name}' expands beyond its recorded {expected.Length:N0} bytes; refused as a possible zip bomb."), cancellationToken).ConfigureAwait(false);
            actual = hashing.HexDigest();
        }
        catch (InvalidDataException ex)
        {
            throw new ExperimentArchiveException($"Entry '{expected.Name}' cannot be read (the archive is truncated or corrupt): {ex.Message}", ex);
        }

        if (!string.Equals(actual, expected.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ExperimentArchiveException($"Entry '{expected.Name}': SHA-256 mismatch (archive {actual[..12]}…, manifest {Shorten(expected.Sha256)}…): the archive is corrupt or was modified.");
        }
    }

    private static void ParseConfig(string json, string where)
    {
        try
        {
            _ = JsonSerializer.Deserialize<RunConfig>(json, RunStore.JsonOptions) ?? throw new JsonException("The configuration is null.");
        }
        catch (JsonException ex)
        {
            throw new ExperimentArchiveException($"{where}: not a valid run configuration: {ex.Message}", ex);
        }
    }

    private static async Task<StagedPoints> ReadMetricsAsync(string file, string entryName, CancellationToken cancellationToken)
    {
        var points = new StagedPoints();
        using var reader = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (header != ArchiveFormat.MetricsHeader)
        {
            throw new ExperimentArchiveException($"Entry '{entryName}', line 1: expected the header '{ArchiveFormat.MetricsHeader}'.");
        }

        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = SplitCsv(line);
            if (cells is not { Count: 4 }
                || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var step)
                || cells[1].Length is 0 or > 64
                || !double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !DateTimeOffset.TryParseExact(cells[3], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
            {
                throw new ExperimentArchiveException($"Entry '{entryName}', line {lineNumber}: expected step,name,value,timestamp (integer, name of 1–64 characters, number, ISO 8601 time).");
            }

            points.Add(step, cells[1], value, timestamp);
        }

        return points;
    }

    private async Task<ArchiveImportResult> CommitAsync(StagedArchive content, string staging, CancellationToken cancellationToken)
    {
        var manifest = content.Manifest;
        var now = timeProvider.GetUtcNow();
        var moved = new List<string>();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var name = await UniqueNameAsync(context, manifest.ExperimentName, cancellationToken).ConfigureAwait(false);
            var active = manifest.Status is ExperimentStatus.Preparing or ExperimentStatus.Running;
            var experiment = new Experiment
            {
                Name = name,
                Description = manifest.Description,
                CreatedAt = manifest.ExperimentCreatedAt,
                SpecJson = manifest.SpecJson,
                // An experiment still in progress at export would otherwise look like one this process should follow.
                Status = active ? ExperimentStatus.Stopped : manifest.Status,
                StatusMessage = active
                    ? $"Imported from an archive while {manifest.Status.ToString()!.ToLowerInvariant()}; start it again to continue here."
                    : manifest.StatusMessage,
            };
            var runs = manifest.Runs.OrderBy(r => r.Index).Select(r => ToRun(r, experiment, now)).ToList();
            context.Experiments.Add(experiment);
            context.Runs.AddRange(runs);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            long total = 0;
            var connection = context.Database.GetDbConnection();
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction.GetDbTransaction();
                insert.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Timestamp) VALUES ($run, $step, $name, $value, $timestamp)";
                var run = AddParameter(insert, "$run");
                var step = AddParameter(insert, "$step");
                var pointName = AddParameter(insert, "$name");
                var value = AddParameter(insert, "$value");
                var timestamp = AddParameter(insert, "$timestamp");
                await insert.PrepareAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < runs.Count; i++)
                {
                    var points = content.Points[i];
                    run.Value = runs[i].Id;
                    for (var p = 0; p < points.Count; p++)
                    {
                        step.Value = points.Steps[p];
                        pointName.Value = points.Names[p];
                        value.Value = points.Values[p];
                        timestamp.Value = TimestampConverter.ConvertToProvider(points.Timestamps[p]);
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    total += points.Count;
                }
            }

            for (var i = 0; i < runs.Count; i++)
            {
                var source = Path.Combine(staging, "runs", manifest.Runs.OrderBy(r => r.Index).ElementAt(i).Index.ToString(CultureInfo.InvariantCulture));
                File.Delete(Path.Combine(source, ArchiveFormat.MetricsFile));
                // The imported row's folder names it, so the folder is the row's own wherever it is read from.
                var owner = Folders.ArtifactFolders.OwnerOf(runs[i]);
                var target = folders.PathOf(Folders.FolderKind.Run, owner.Id);
                Folders.FolderOwnership.Mark(source, owner);
                if (Directory.Exists(target) || File.Exists(target))
                {
                    throw new ExperimentArchiveException($"The run folder '{target}' exists already (left by a deleted run?); move it away and import again.");
                }

                Directory.Move(source, target);
                moved.Add(target);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return new ArchiveImportResult(experiment.Id, name, runs.Count, total);
        }
        catch
        {
            foreach (var folder in moved)
            {
                TryDelete(folder);
            }

            throw;
        }
    }

    private static Run ToRun(ArchiveRun r, Experiment experiment, DateTimeOffset now)
    {
        var active = r.Status is RunStatus.Queued or RunStatus.Running;
        return new Run
        {
            Experiment = experiment,
            ConfigJson = r.ConfigJson,
            CorpusId = r.CorpusId,
            Role = r.Role,
            Condition = r.Condition,
            TrainSize = r.TrainSize,
            Seed = r.Seed,
            RealFraction = r.RealFraction,
            Priority = r.Priority,
            Attempt = r.Attempt,
            Tags = r.Tags,
            MaxSteps = r.MaxSteps,
            LastStep = r.LastStep,
            // Queued or Running rows would be taken up by the durable queue at the next start.
            Status = active ? RunStatus.Interrupted : r.Status,
            Message = active ? $"Imported from an archive while {r.Status.ToString().ToLowerInvariant()}; imported runs never start by themselves." : r.Message,
            PhaseMessage = active ? null : r.PhaseMessage,
            Device = r.Device,
            ParameterCount = r.ParameterCount,
            CreatedAt = r.CreatedAt,
            StartedAt = r.StartedAt,
            FinishedAt = active ? r.FinishedAt ?? now : r.FinishedAt,
            TestBleu = r.TestBleu,
            TestBleuSignature = r.TestBleuSignature,
            TestChrF = r.TestChrF,
            TestChrFSignature = r.TestChrFSignature,
            LatestSamplesJson = r.LatestSamplesJson,
        };
    }

    /// <summary>The archive's name if free, else with " (imported)", then " (imported 2)", " (imported 3)" …</summary>
    private static async Task<string> UniqueNameAsync(RegurgitateDbContext context, string name, CancellationToken cancellationToken)
    {
        var baseName = string.IsNullOrWhiteSpace(name) ? "Imported experiment" : name.Trim();
        for (var attempt = 0; ; attempt++)
        {
            var suffix = attempt switch
            {
                0 => string.Empty,
                1 => ImportedSuffix,
                _ => $" (imported {attempt.ToString(CultureInfo.InvariantCulture)})",
            };
            var candidate = (baseName.Length + suffix.Length > MaxNameLength ? baseName[..(MaxNameLength - suffix.Length)] : baseName) + suffix;
            if (!await context.Experiments.AnyAsync(e => e.Name == candidate, cancellationToken).ConfigureAwait(false))
            {
                return candidate;
            }
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task CopyLimitedAsync(Stream source, Stream destination, long maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw tooLarge();
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ExperimentArchiveException TooLarge(string displayName, long maxBytes) =>
        new($"'{displayName}' is larger than the archive limit of {maxBytes:N0} bytes ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxArchiveBytes)}).");

    private static List<string>? SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static string Shorten(string hex) => hex.Length > 12 ? hex[..12] : hex;

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover staging folder is harmless (it starts with '.', never a run id).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported experiment {ExperimentId} '{Name}': {Runs} runs, {Points} metric points")]
    private partial void LogImported(int experimentId, string name, int runs, long points);

    private sealed record StagedArchive(ArchiveManifest Manifest, IReadOnlyList<StagedPoints> Points);

    /// <summary>A run's points as parallel columns: 100,000s of them stay compact until the bulk insert.</summary>
    private sealed class StagedPoints
    {
        public List<int> Steps { get; } = [];
        public List<string> Names { get; } = [];
        public List<double> Values { get; } = [];
        public List<DateTimeOffset> Timestamps { get; } = [];
        public int Count => Steps.Count;

        private readonly Dictionary<string, string> distinctNames = new(StringComparer.Ordinal);

        public void Add(int step, string name, double value, DateTimeOffset timestamp)
        {
            Steps.Add(step);
            // Names repeat (a handful of curves): keep one string each.
            if (!distinctNames.TryGetValue(name, out var shared))
            {
                distinctNames[name] = shared = name;
            }

            Names.Add(shared);
            Values.Add(value);
            Timestamps.Add(timestamp);
        }
    }
}
