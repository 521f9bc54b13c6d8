using System.IO.Compression;
using System.Text.Json;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// The checks an archive passes before an import changes anything: entry-count, size and compression-ratio limits,
/// entry names, the manifest's format version, every entry's SHA-256, and that the spec, each configuration and each
/// metrics file parse (the metrics streamed line by line). Verified entries are extracted into the staging folder.
/// </summary>
internal static class ArchiveVerifier
{
    /// <summary>Checks the archive against the limits and extracts every entry, verified, into <paramref name="staging"/>; returns the manifest.</summary>
    /// <exception cref="ExperimentArchiveException">The archive was refused; the message names the entry and the problem.</exception>
    public static async Task<ArchiveManifest> ValidateAndStageAsync(Stream archive, string displayName, ArchiveOptions limits, string staging, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        if (await ZipEndRecord.DeclaredEntriesAsync(archive, cancellationToken).ConfigureAwait(false) is { } declared && declared > limits.MaxEntries)
        {
            throw TooManyEntries(displayName, declared, limits.MaxEntries);
        }

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
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw TooManyEntries(displayName, zip.Entries.Count, limits.MaxEntries);
            }

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
                    throw new ExperimentArchiveException($"'{displayName}' expands to more than the limit of {limits.MaxUncompressedBytes:N0} bytes ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxUncompressedBytes)}), counting up to entry '{entry.FullName}'; refused as a possible zip bomb, nothing was imported.");
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
            if (manifest.Status == Persistence.ExperimentStatus.Importing)
            {
                // Only an unfinished import has this status, and it is never exported; an imported one would stay hidden.
                throw new ExperimentArchiveException($"{ArchiveFormat.ManifestEntry}: status '{manifest.Status}' is not the status of an exported experiment.");
            }

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

                long count = 0;
                await foreach (var _ in ArchiveMetricsReader.ReadAsync(Path.Combine(staging, folder, ArchiveFormat.MetricsFile), metricsEntry, cancellationToken).ConfigureAwait(false))
                {
                    count++;
                }

                if (count != run.MetricPoints)
                {
                    throw new ExperimentArchiveException($"Entry '{metricsEntry}' has {count:N0} points; {ArchiveFormat.ManifestEntry} says {run.MetricPoints:N0}.");
                }
            }

            return manifest;
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

            // On the disk before the run folder is renamed into place, so a power loss cannot leave an imported config.json or checkpoint cut short.
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
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

    public static async Task CopyLimitedAsync(Stream source, Stream destination, long maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
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

    private static ExperimentArchiveException TooManyEntries(string displayName, long entries, int maxEntries) =>
        new($"'{displayName}' has {entries:N0} entries, more than the limit of {maxEntries:N0} ({ArchiveOptions.SectionName}:{nameof(ArchiveOptions.MaxEntries)}); refused, nothing was imported.");

    private static string Shorten(string hex) => hex.Length > 12 ? hex[..12] : hex;
}
