using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Storage;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// Catalogues every dataset into the <see cref="RegurgitateDbContext.Datasets"/> table: the real corpora of
/// <see cref="CorpusCatalog"/>, the published system outputs of <see cref="ImportedSystemCatalog"/>, the synthetic sets
/// stored under the datasets folder and the user's imports. Each dataset's files are hashed (SHA-256 over their bytes in
/// order) and read with the engine's validating readers for line counts and failures; a missing or malformed file makes
/// that one dataset unavailable with its problem stated, never the whole scan fail. What was measured is cached by each
/// file's (path, size, modification time) in <c>&lt;datasets&gt;/.catalog-cache.json</c>, so a re-scan of unchanged
/// files reads nothing but their metadata. One scan runs at a time; asking while one runs joins it.
/// </summary>
public sealed partial class DatasetCatalogService : IDisposable
{
    public const string CacheFileName = ".catalog-cache.json";
    public const string ImportedFolder = "imported";
    public const string DownloadsFolder = "downloads";
    private const int CacheVersion = 1;
    private const int BufferSize = 1 << 16;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    private static readonly CorpusReadOptions KeepEverything = new() { EmptyLines = LinePolicy.Keep, LengthRatioOutliers = LinePolicy.Keep };

    private readonly IDbContextFactory<RegurgitateDbContext> _contextFactory;
    private readonly CorpusCatalog _corpora;
    private readonly TimeProvider _time;
    private readonly ILogger<DatasetCatalogService> _logger;
    private readonly DatasetCatalogOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private ConcurrentDictionary<string, DatasetFacts>? _cache;
    private Task<CatalogScanResult>? _scan;
    private CatalogScanState _state = CatalogScanState.Idle;

    public DatasetCatalogService(
        IDbContextFactory<RegurgitateDbContext> contextFactory,
        CorpusCatalog corpora,
        IOptions<DatasetCatalogOptions> options,
        TimeProvider timeProvider,
        ILogger<DatasetCatalogService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contextFactory = contextFactory;
        _corpora = corpora;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised (on a worker thread) whenever <see cref="State"/> changes.</summary>
    public event Action<CatalogScanState>? StateChanged;

    public CatalogScanState State => _state;

    public string DataDirectory => _corpora.DataDirectory;
    public string DatasetsDirectory => _corpora.DatasetsDirectory;

    /// <summary>Folder of a dataset's files: the data directory for corpora and system outputs, else the datasets folder.</summary>
    public string RootOf(DatasetKind kind) => kind is DatasetKind.Real or DatasetKind.SystemOutput ? DataDirectory : DatasetsDirectory;

    /// <summary>Scans everything now, or joins the scan in progress. <paramref name="cancellationToken"/> stops the wait, not the scan.</summary>
    public Task<CatalogScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        Task<CatalogScanResult> scan;
        lock (_gate)
        {
            if (_scan is null || _scan.IsCompleted)
            {
                _scan = Task.Run(() => RunScanAsync(_stopping.Token));
            }

            scan = _scan;
        }

        return scan.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Measures one candidate into a record (used by the importer before it writes anything to the database).</summary>
    internal async Task<DatasetRecord> DescribeAsync(DatasetCandidate candidate, CancellationToken cancellationToken)
    {
        var cache = await LoadCacheAsync(cancellationToken).ConfigureAwait(false);
        var (facts, _) = await MeasureAsync(candidate, cache, cancellationToken).ConfigureAwait(false);
        await SaveCacheAsync(cache).ConfigureAwait(false);
        return ToRecord(candidate, facts, _time.GetUtcNow());
    }

    private async Task<CatalogScanResult> RunScanAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var candidates = await FindCandidatesAsync(cancellationToken).ConfigureAwait(false);
            Publish(new CatalogScanState(true, 0, candidates.Count, null, _state.LastResult, null));
            var cache = await LoadCacheAsync(cancellationToken).ConfigureAwait(false);
            var records = new DatasetRecord[candidates.Count];
            int done = 0, filesHashed = 0;
            long bytesHashed = 0;
            var now = _time.GetUtcNow();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, candidates.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.ScanParallelism), CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var (facts, hashed) = await MeasureAsync(candidates[i], cache, token).ConfigureAwait(false);
                    records[i] = ToRecord(candidates[i], facts, now);
                    if (hashed)
                    {
                        Interlocked.Add(ref filesHashed, candidates[i].Files.Count);
                        Interlocked.Add(ref bytesHashed, facts.Bytes);
                    }

                    Publish(_state with { Done = Interlocked.Increment(ref done), Current = candidates[i].Id });
                }).ConfigureAwait(false);

            await SaveCacheAsync(cache).ConfigureAwait(false);
            await StoreAsync(records, now, cancellationToken).ConfigureAwait(false);
            var result = new CatalogScanResult(
                records.Length, records.Count(r => r.Available), records.Count(r => !r.Available), filesHashed, bytesHashed, clock.Elapsed, _time.GetUtcNow());
            LogScanned(result.Datasets, result.Unavailable, result.FilesHashed, result.BytesHashed, (long)result.Elapsed.TotalMilliseconds);
            Publish(new CatalogScanState(false, records.Length, records.Length, null, result, null));
            return result;
        }
        catch (Exception e)
        {
            LogScanFailed(e);
            Publish(new CatalogScanState(false, 0, 0, null, _state.LastResult, e is OperationCanceledException ? "The scan was cancelled." : $"The scan failed: {e.Message}"));
            throw;
        }
    }

    private void Publish(CatalogScanState state)
    {
        _state = state;
        StateChanged?.Invoke(state);
    }

    /// <summary>Every dataset the catalogue should list, in display order: corpora, their system outputs, generated sets, imports.</summary>
    private async Task<IReadOnlyList<DatasetCandidate>> FindCandidatesAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<DatasetCandidate>();
        foreach (var corpus in CorpusCatalog.Corpora)
        {
            candidates.Add(new DatasetCandidate(
                corpus.Id, DatasetKind.Real, corpus.Name, corpus.Description, OriginOf(corpus), corpus.Licence, corpus.Id,
                DataDirectory, [.. corpus.Files], CandidateLayout.PlainPairs));
        }

        foreach (var system in ImportedSystemCatalog.Systems)
        {
            candidates.Add(new DatasetCandidate(
                system.Generator.Id, DatasetKind.SystemOutput, system.Generator.Name,
                $"{system.Generator.Name}'s translation of the {system.CorpusId} German sources (published system output).",
                system.Origin, system.Licence, system.CorpusId, DataDirectory, [system.SourceFile, system.OutputFile], CandidateLayout.SystemOutput,
                JsonSerializer.Serialize(system.Generator, Json)));
        }

        var known = new HashSet<string>(candidates.Select(c => c.Id), StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(DatasetsDirectory))
        {
            foreach (var set in Directory.EnumerateFiles(DatasetsDirectory, SyntheticTargetStore.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(DatasetsDirectory, set).Replace('\\', '/');
                var id = relative[..^(SyntheticTargetStore.FileName.Length + 1)];
                var top = id.Split('/')[0];
                if (id.Length == 0 || top.StartsWith('.') || top is ImportedFolder or DownloadsFolder || !known.Add(id))
                {
                    continue;
                }

                candidates.Add(new DatasetCandidate(
                    id, DatasetKind.Generated, id, "Synthetic targets generated by this workbench.", "generated here", null, null,
                    DatasetsDirectory, [relative], CandidateLayout.TargetSet));
            }

            var imported = Path.Combine(DatasetsDirectory, ImportedFolder);
            if (Directory.Exists(imported))
            {
                foreach (var folder in Directory.EnumerateDirectories(imported).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(folder);
                    if (name.StartsWith('.') || !known.Add($"{ImportedFolder}/{name}"))
                    {
                        continue;
                    }

                    candidates.Add(await ImportedCandidateAsync(name, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return candidates;
    }

    /// <summary>The candidate for <c>imported/&lt;folder&gt;</c>, described by its <c>dataset.json</c> (or by its folder name when that is unreadable).</summary>
    internal async Task<DatasetCandidate> ImportedCandidateAsync(string folder, CancellationToken cancellationToken)
    {
        var relative = $"{ImportedFolder}/{folder}";
        ImportedDatasetInfo? info = null;
        try
        {
            await using var stream = File.OpenRead(Path.Combine(DatasetsDirectory, ImportedFolder, folder, ImportedDatasetInfo.FileName));
            info = await JsonSerializer.DeserializeAsync<ImportedDatasetInfo>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            LogUnreadableInfo(relative, e.Message);
        }

        var origin = info is null
            ? null
            : $"imported from {string.Join(", ", info.OriginalFiles)} on {info.ImportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(info.Origin is null ? string.Empty : $"; {info.Origin}")}";
        return new DatasetCandidate(
            relative, DatasetKind.Imported, info?.Name ?? folder, info?.Description, origin, info?.Licence, null, DatasetsDirectory,
            [$"{relative}/{ImportedDatasetInfo.SourceFile}", $"{relative}/{ImportedDatasetInfo.TargetFile}"], CandidateLayout.PlainPairs);
    }

    private static string OriginOf(CorpusDescriptor corpus) => corpus.Id switch
    {
        "multi30k" => "multi30k/dataset @ a3d2e0d2 (data/task1/raw)",
        "newstest" => "Helsinki-NLP/OPUS-MT-testsets @ ac0f19c0 (testsets/deu-eng)",
        "tatoeba" => "Helsinki-NLP/OPUS-MT-testsets @ ac0f19c0 (Tatoeba v2021-08-07)",
        "wmt22" => "wmt-conference/wmt22-news-systems @ 20240a2e / microsoft/gpt-MT @ d64e21fb",
        "wmt21" => "wmt-conference/wmt21-news-systems @ f41750da",
        _ => "data directory",
    };

    /// <returns>The facts, and whether the files had to be read (false: from the cache, or missing).</returns>
    private async Task<(DatasetFacts Facts, bool Read)> MeasureAsync(DatasetCandidate candidate, ConcurrentDictionary<string, DatasetFacts> cache, CancellationToken cancellationToken)
    {
        var paths = candidate.Files.Select(f => Path.GetFullPath(f, candidate.Root)).ToList();
        var infos = paths.Select(p => new FileInfo(p)).ToList();
        var missing = candidate.Files.Where((_, i) => !infos[i].Exists).ToList();
        var signature = string.Join('\n', candidate.Files.Select((f, i) => infos[i].Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{f}|{infos[i].Length}|{infos[i].LastWriteTimeUtc.Ticks}")
            : $"{f}|missing"));
        if (missing.Count > 0)
        {
            var problem = $"Missing {(missing.Count == 1 ? "file" : $"{missing.Count} files")} in '{candidate.Root}': {string.Join(", ", missing)}";
            return (new DatasetFacts { Signature = signature, Bytes = infos.Where(i => i.Exists).Sum(i => i.Length), Problem = problem }, false);
        }

        if (cache.TryGetValue(candidate.Id, out var cached) && cached.Signature == signature)
        {
            return (cached, false);
        }

        var facts = new DatasetFacts { Signature = signature, Bytes = infos.Sum(i => i.Length) };
        try
        {
            facts = facts with { Sha256 = await HashAsync(paths, cancellationToken).ConfigureAwait(false) };
            facts = candidate.Layout switch
            {
                CandidateLayout.TargetSet => await ReadTargetSetAsync(paths[0], facts, cancellationToken).ConfigureAwait(false),
                _ => await ReadPairsAsync(paths, candidate.Layout == CandidateLayout.SystemOutput, facts, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is CorpusFormatException or IOException or UnauthorizedAccessException)
        {
            facts = facts with { Problem = e.Message };
        }

        cache[candidate.Id] = facts;
        return (facts, true);
    }

    private static async Task<string> HashAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        foreach (var path in paths)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task<DatasetFacts> ReadPairsAsync(IReadOnlyList<string> paths, bool emptyTargetIsFailure, DatasetFacts facts, CancellationToken cancellationToken)
    {
        int pairs = 0, failed = 0;
        for (var i = 0; i + 1 < paths.Count; i += 2)
        {
            await foreach (var pair in ParallelCorpusReader.ReadPairsAsync(paths[i], paths[i + 1], KeepEverything, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                pairs++;
                if (emptyTargetIsFailure && string.IsNullOrWhiteSpace(pair.Target))
                {
                    failed++;
                }
            }
        }

        return facts with { Pairs = pairs, Failed = failed };
    }

    private static async Task<DatasetFacts> ReadTargetSetAsync(string path, DatasetFacts facts, CancellationToken cancellationToken)
    {
        var set = await SyntheticTargetStore.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return facts with
        {
            Pairs = set.Targets.Count,
            Failed = set.FailedCount,
            Name = set.Generator.Name,
            GeneratorJson = JsonSerializer.Serialize(set.Generator, Json),
            CorpusId = CorpusOf(set.Generator),
        };
    }

    /// <summary>The real corpus a generated set translates: a "corpus" setting, or the corpus named in a local set's id (<c>local/&lt;corpus&gt;-&lt;hash&gt;/…</c>).</summary>
    internal static string? CorpusOf(GeneratorDescriptor generator)
    {
        foreach (var key in new[] { "corpus", "corpusId" })
        {
            if (generator.Settings.TryGetValue(key, out var value) && CorpusCatalog.Corpora.Any(c => string.Equals(c.Id, value, StringComparison.OrdinalIgnoreCase)))
            {
                return value;
            }
        }

        var parts = generator.Id.Split('/');
        if (parts.Length >= 2 && parts[0] == "local")
        {
            var dash = parts[1].LastIndexOf('-');
            var corpus = dash > 0 ? parts[1][..dash] : parts[1];
            return CorpusCatalog.Corpora.FirstOrDefault(c => string.Equals(c.Id, corpus, StringComparison.OrdinalIgnoreCase))?.Id;
        }

        return null;
    }

    private static DatasetRecord ToRecord(DatasetCandidate candidate, DatasetFacts facts, DateTimeOffset now) => new()
    {
        Id = candidate.Id,
        Kind = candidate.Kind,
        Name = Truncate(facts.Name ?? candidate.Name, 200),
        Description = candidate.Description,
        LanguagePair = "de-en",
        Origin = candidate.Origin,
        Licence = candidate.Licence,
        CorpusId = facts.CorpusId ?? candidate.CorpusId,
        FilesJson = JsonSerializer.Serialize(candidate.Files, Json),
        Sha256 = facts.Sha256,
        Bytes = facts.Bytes,
        Pairs = facts.Pairs,
        Failed = facts.Failed,
        GeneratorJson = facts.GeneratorJson ?? candidate.GeneratorJson,
        Available = facts.Problem is null,
        Problem = facts.Problem,
        CataloguedAt = now,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private async Task StoreAsync(IReadOnlyList<DatasetRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await context.Datasets.ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            if (existing.Remove(record.Id, out var stored))
            {
                context.Entry(stored).CurrentValues.SetValues(record);
            }
            else
            {
                context.Datasets.Add(record);
            }
        }

        // Records whose files are gone stay listed (runs may refer to them) but are marked unavailable.
        foreach (var gone in existing.Values.Where(d => d.Available))
        {
            gone.Available = false;
            gone.Problem = $"Not found by the scan of {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: its files are no longer in '{RootOf(gone.Kind)}'.";
            gone.CataloguedAt = now;
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConcurrentDictionary<string, DatasetFacts>> LoadCacheAsync(CancellationToken cancellationToken)
    {
        if (_cache is { } loaded)
        {
            return loaded;
        }

        var cache = new ConcurrentDictionary<string, DatasetFacts>(StringComparer.Ordinal);
        var path = Path.Combine(DatasetsDirectory, CacheFileName);
        try
        {
            if (File.Exists(path))
            {
                await using var stream = File.OpenRead(path);
                var file = await JsonSerializer.DeserializeAsync<CacheFile>(stream, Json, cancellationToken).ConfigureAwait(false);
                if (file is { Version: CacheVersion })
                {
                    foreach (var (id, facts) in file.Entries)
                    {
                        cache[id] = facts;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            LogCacheUnreadable(path, e.Message);
        }

        return _cache = cache;
    }

    private async Task SaveCacheAsync(ConcurrentDictionary<string, DatasetFacts> cache)
    {
        var path = Path.Combine(DatasetsDirectory, CacheFileName);
        try
        {
            Directory.CreateDirectory(DatasetsDirectory);
            var file = new CacheFile(CacheVersion, new SortedDictionary<string, DatasetFacts>(cache, StringComparer.Ordinal));
            await AtomicFile.WriteAsync(path, (stream, token) => JsonSerializer.SerializeAsync(stream, file, Json, token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheUnwritable(path, e.Message);
        }
    }

    private sealed record CacheFile(int Version, IDictionary<string, DatasetFacts> Entries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogued {Count} datasets ({Unavailable} unavailable); read {Files} files ({Bytes} bytes) in {Milliseconds} ms")]
    private partial void LogScanned(int count, int unavailable, int files, long bytes, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dataset catalogue scan failed")]
    private partial void LogScanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported dataset {Id} has no readable dataset.json: {Problem}")]
    private partial void LogUnreadableInfo(string id, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue cache '{Path}' could not be read and is rebuilt: {Problem}")]
    private partial void LogCacheUnreadable(string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue cache '{Path}' could not be written: {Problem}")]
    private partial void LogCacheUnwritable(string path, string problem);
}
