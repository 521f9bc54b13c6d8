using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// Imports a user's aligned German–English files (plain pair, TSV or JSON Lines, each optionally gzip'd) from the data
/// directory or an upload into <c>&lt;datasets&gt;/imported/&lt;slug&gt;/</c> as a normalised pair of UTF-8 files
/// (<c>source.de</c>, <c>target.en</c>) with its provenance in <c>dataset.json</c>. Everything is read and validated
/// in a staging folder first; only a complete, valid dataset is moved into place and catalogued, so a refused import
/// leaves the database and the datasets folder as they were.
/// </summary>
public sealed class DatasetImporter(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    DatasetCatalogScanner catalog,
    IOptions<DatasetCatalogOptions> options,
    TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string ImportedDirectory => Path.Combine(catalog.DatasetsDirectory, DatasetCatalogScanner.ImportedFolder);
    private long MaxBytes => options.Value.MaxImportBytes;

    /// <summary>Files of the data directory that an import could start from (relative paths, '/'-separated), for pickers.</summary>
    public IReadOnlyList<string> ListImportableFiles(int max = 2000)
    {
        if (!Directory.Exists(catalog.DataDirectory))
        {
            return [];
        }

        return
        [
            .. Directory.EnumerateFiles(catalog.DataDirectory, "*", SearchOption.AllDirectories)
                .Where(path => ParallelFormats.Detect(path) is not null)
                .Select(path => Path.GetRelativePath(catalog.DataDirectory, path).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .Take(max),
        ];
    }

    /// <summary>Imports files that are already inside the data directory.</summary>
    /// <param name="request">Name and provenance.</param>
    /// <param name="relativePaths">One TSV/JSONL file, or one or both files of a plain pair (the other side is found by its extension).</param>
    /// <param name="cancellationToken">Cancels the import (nothing is kept).</param>
    /// <exception cref="DatasetImportException">The import was refused; the message says why.</exception>
    public async Task<DatasetImportResult> ImportFromDataDirectoryAsync(DatasetImportRequest request, IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(relativePaths);
        var inputs = new List<Input>();
        foreach (var relative in relativePaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
        {
            var full = SafeNames.InsideRoot(catalog.DataDirectory, relative)
                ?? throw new DatasetImportException($"'{relative}' is not inside the data directory '{catalog.DataDirectory}'; only files there can be imported by path (or upload the file).");
            if (!File.Exists(full))
            {
                throw new DatasetImportException($"'{relative}' does not exist in the data directory '{catalog.DataDirectory}'.");
            }

            inputs.Add(new Input(relative.Replace('\\', '/'), full));
        }

        var format = ResolveFormat(request, inputs.Select(i => i.Display).ToList());
        if (format == ParallelFormat.PlainPair && inputs.Count == 1)
        {
            var other = OtherSide(inputs[0].Display)
                ?? throw new DatasetImportException($"'{inputs[0].Display}' is not named like one side of a plain pair (X.de / X.en, optionally .gz).");
            var full = SafeNames.InsideRoot(catalog.DataDirectory, other);
            if (full is null || !File.Exists(full))
            {
                throw new DatasetImportException($"'{inputs[0].Display}' needs its other side '{other}', which is not in the data directory.");
            }

            inputs.Add(new Input(other, full));
        }

        foreach (var input in inputs)
        {
            var length = new FileInfo(input.Path).Length;
            if (length > MaxBytes)
            {
                throw new DatasetImportException($"'{input.Display}' is {Size(length)}, more than the import limit of {Size(MaxBytes)} ({DatasetCatalogOptions.SectionName}:{nameof(DatasetCatalogOptions.MaxImportBytes)}).");
            }
        }

        return await ImportAsync(request, format, inputs, staging => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports uploaded files; their names are only used to recognise the format and for the record.</summary>
    /// <exception cref="DatasetImportException">The import was refused; the message says why.</exception>
    public async Task<DatasetImportResult> ImportUploadAsync(DatasetImportRequest request, IReadOnlyList<ImportUpload> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(uploads);
        var names = uploads.Select(u => SafeNames.FileName(u.FileName)).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            throw new DatasetImportException("Two uploaded files have the same name.");
        }

        var format = ResolveFormat(request, names);
        var inputs = names.Select(name => new Input(name, string.Empty)).ToList();
        return await ImportAsync(
            request,
            format,
            inputs,
            async staging =>
            {
                // The inputs may have been reordered (German side first); match them to the uploads by name.
                for (var i = 0; i < inputs.Count; i++)
                {
                    var upload = names.IndexOf(inputs[i].Display);
                    inputs[i] = inputs[i] with { Path = Path.Combine(staging, $"upload-{upload}-{inputs[i].Display}") };
                    await CopyLimitedAsync(uploads[upload].Content, inputs[i].Path, inputs[i].Display, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DatasetImportResult> ImportAsync(
        DatasetImportRequest request,
        ParallelFormat format,
        List<Input> inputs,
        Func<string, Task> stage,
        CancellationToken cancellationToken)
    {
        var slug = SafeNames.Slug(request.Name);
        if (slug.Length == 0)
        {
            throw new DatasetImportException("Give the dataset a name with at least one letter or digit.");
        }

        var id = $"{DatasetCatalogScanner.ImportedFolder}/{slug}";
        var final = Path.Combine(ImportedDirectory, slug);
        await EnsureNewAsync(id, final, cancellationToken).ConfigureAwait(false);
        ValidateInputCount(format, inputs);

        Directory.CreateDirectory(ImportedDirectory);
        var staging = Path.Combine(ImportedDirectory, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        string report;
        try
        {
            await stage(staging).ConfigureAwait(false);
            report = await NormaliseAsync(format, request.JsonlFields, inputs, staging, cancellationToken).ConfigureAwait(false);
            foreach (var input in inputs.Where(i => i.Path.StartsWith(staging, StringComparison.Ordinal)))
            {
                File.Delete(input.Path);
            }

            var info = new ImportedDatasetInfo
            {
                Name = request.Name.Trim(),
                Description = Blank(request.Description),
                Origin = Blank(request.Origin),
                Licence = Blank(request.Licence),
                OriginalFiles = [.. inputs.Select(i => i.Display)],
                Format = format.ToString(),
                ImportedAt = timeProvider.GetUtcNow(),
                ReadReport = report,
            };
            await File.WriteAllTextAsync(Path.Combine(staging, ImportedDatasetInfo.FileName), JsonSerializer.Serialize(info, Json), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            Directory.Move(staging, final);
        }
        catch (CorpusFormatException e)
        {
            TryDelete(staging);
            throw new DatasetImportException(Describe(e, inputs), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new DatasetImportException($"The import could not be written: {e.Message}", e);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }

        try
        {
            var candidate = await catalog.ImportedCandidateAsync(slug, CancellationToken.None).ConfigureAwait(false);
            var record = await catalog.DescribeAsync(candidate, CancellationToken.None).ConfigureAwait(false);
            if (!record.Available)
            {
                throw new DatasetImportException($"The imported files could not be catalogued: {record.Problem}");
            }

            await using var context = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            context.Datasets.Add(record);
            await context.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            return new DatasetImportResult(new DatasetRecordView(record.Id, record.Name, record.Pairs, record.Bytes, record.Sha256), report);
        }
        catch
        {
            TryDelete(final);
            throw;
        }
    }

    private async Task EnsureNewAsync(string id, string folder, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(folder) || await context.Datasets.AnyAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false))
        {
            throw new DatasetImportException($"A dataset '{id}' already exists; choose another name.");
        }
    }

    private static ParallelFormat ResolveFormat(DatasetImportRequest request, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            throw new DatasetImportException("Choose a file to import.");
        }

        if (request.Format is { } chosen)
        {
            return chosen;
        }

        var formats = names.Select(ParallelFormats.Detect).ToList();
        if (formats.Any(f => f is null))
        {
            var unknown = names[formats.IndexOf(null)];
            throw new DatasetImportException($"The format of '{unknown}' is not recognised from its name: use .de/.en (a plain pair), .tsv or .jsonl, each optionally with .gz.");
        }

        if (formats.Distinct().Count() > 1)
        {
            throw new DatasetImportException($"The files are of different formats ({string.Join(", ", names)}); import one dataset at a time.");
        }

        return formats[0]!.Value;
    }

    private static void ValidateInputCount(ParallelFormat format, List<Input> inputs)
    {
        if (format == ParallelFormat.PlainPair)
        {
            if (inputs.Count != 2)
            {
                throw new DatasetImportException($"A plain pair needs two files, the German side (X.de) and the English side (X.en); got {inputs.Count}.");
            }

            var sides = inputs.Select(i => ParallelFormats.PlainSide(i.Display)).ToList();
            if (sides.Contains("en") && sides.Contains("de"))
            {
                if (sides[0] == "en")
                {
                    inputs.Reverse();
                }
            }
            else
            {
                throw new DatasetImportException($"A plain pair needs one .de and one .en file; got {string.Join(" and ", inputs.Select(i => i.Display))}.");
            }
        }
        else if (inputs.Count != 1)
        {
            throw new DatasetImportException($"A {format} dataset is one file; got {inputs.Count}.");
        }
    }

    /// <summary>Reads every pair with the engine's validating reader and writes the normalised pair into the staging folder.</summary>
    private async Task<string> NormaliseAsync(ParallelFormat format, JsonlFields? fields, List<Input> inputs, string staging, CancellationToken cancellationToken)
    {
        var report = new CorpusReadReport();
        var pairs = format switch
        {
            ParallelFormat.PlainPair => ParallelCorpusReader.ReadPairsAsync(inputs[0].Path, inputs[1].Path, CorpusReadOptions.Default, report, cancellationToken: cancellationToken),
            ParallelFormat.Tsv => ParallelCorpusReader.ReadTsvAsync(inputs[0].Path, CorpusReadOptions.Default, report, cancellationToken: cancellationToken),
            _ => JsonlCorpusReader.ReadAsync(inputs[0].Path, fields, CorpusReadOptions.Default, report, cancellationToken: cancellationToken),
        };

        var encoding = new UTF8Encoding(false);
        long written = 0, breaksReplaced = 0;
        await using (var source = new StreamWriter(Path.Combine(staging, ImportedDatasetInfo.SourceFile), false, encoding, 1 << 16) { NewLine = "\n" })
        await using (var target = new StreamWriter(Path.Combine(staging, ImportedDatasetInfo.TargetFile), false, encoding, 1 << 16) { NewLine = "\n" })
        {
            await foreach (var pair in pairs.ConfigureAwait(false))
            {
                var (de, en) = (OneLine(pair.Source, ref breaksReplaced), OneLine(pair.Target, ref breaksReplaced));
                written += encoding.GetByteCount(de) + encoding.GetByteCount(en) + 2;
                if (written > options.Value.MaxImportedTextBytes)
                {
                    throw new DatasetImportException($"The imported text grows beyond {Size(options.Value.MaxImportedTextBytes)} ({DatasetCatalogOptions.SectionName}:{nameof(DatasetCatalogOptions.MaxImportedTextBytes)}); the import was stopped.");
                }

                await source.WriteLineAsync(de).ConfigureAwait(false);
                await target.WriteLineAsync(en).ConfigureAwait(false);
            }
        }

        if (report.PairsAccepted == 0)
        {
            throw new DatasetImportException($"No pair of {string.Join(" / ", inputs.Select(i => i.Display))} passed the checks ({report}).");
        }

        var text = report.ToString();
        return breaksReplaced > 0 ? $"{text}; line breaks inside segments replaced by spaces: {breaksReplaced}" : text;
    }

    private static string OneLine(string text, ref long replaced)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r') < 0)
        {
            return text;
        }

        replaced++;
        return text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
    }

    private async Task CopyLimitedAsync(Stream content, string path, string display, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                throw new DatasetImportException($"'{display}' is larger than the import limit of {Size(MaxBytes)} ({DatasetCatalogOptions.SectionName}:{nameof(DatasetCatalogOptions.MaxImportBytes)}).");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The reader's message with the staging paths replaced by the names the user knows.</summary>
    private static string Describe(CorpusFormatException error, IReadOnlyList<Input> inputs)
    {
        string Name(string path) => inputs.FirstOrDefault(i => i.Path == path)?.Display ?? Path.GetFileName(path);
        var problem = inputs.Aggregate(error.Problem, (text, input) => text.Replace(input.Path, input.Display, StringComparison.Ordinal));
        var location = error.LineNumber is { } line ? $"'{Name(error.FilePath)}', line {line}" : $"'{Name(error.FilePath)}'";
        if (error.ByteOffset is { } offset)
        {
            location += $" (byte offset {offset})";
        }

        return $"{location}: {problem}. Nothing was imported.";
    }

    private static string? OtherSide(string relative)
    {
        var gz = relative.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? relative[^3..] : string.Empty;
        var stem = relative[..^gz.Length];
        var extension = Path.GetExtension(stem);
        var swapped = extension.ToLowerInvariant() switch
        {
            ".de" => extension.Length == 3 && char.IsUpper(extension[1]) ? ".EN" : ".en",
            ".en" => extension.Length == 3 && char.IsUpper(extension[1]) ? ".DE" : ".de",
            _ => null,
        };
        return swapped is null ? null : stem[..^extension.Length] + swapped + gz;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MB" : $"{bytes / 1024.0:0.#} kB";

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover staging folder starts with '.' and is never catalogued.
        }
    }

    private sealed record Input(string Display, string Path);
}
