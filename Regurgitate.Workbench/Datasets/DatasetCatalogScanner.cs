using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Threading;
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
/// <para>
/// <see cref="DatasetDiscovery"/> finds the candidates, <see cref="DatasetMeasurement"/> reads their files and
/// <see cref="DatasetFactsCache"/> remembers what it found; this class runs the scan and stores the records.
/// </para>
/// </summary>
public sealed partial class DatasetCatalogScanner : IDisposable
{
    public const string CacheFileName = ".catalog-cache.json";
    public const string ImportedFolder = "imported";
    public const string DownloadsFolder = "downloads";

    /// <summary>Serialisation of the cache, imported-dataset descriptions and stored generator/file lists.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private readonly IDbContextFactory<RegurgitateDbContext> contextFactory;
    private readonly CorpusCatalog corpora;
    private readonly TimeProvider time;
    private readonly ILogger<DatasetCatalogScanner> logger;
    private readonly DatasetCatalogOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly DatasetDiscovery discovery;
    private readonly DatasetFactsCache cache;
    private Task<CatalogScanResult>? scan;
    private CatalogScanState state = CatalogScanState.Idle;

    public DatasetCatalogScanner(
        IDbContextFactory<RegurgitateDbContext> contextFactory,
        CorpusCatalog corpora,
        IOptions<DatasetCatalogOptions> options,
        TimeProvider timeProvider,
        ILogger<DatasetCatalogScanner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.contextFactory = contextFactory;
        this.corpora = corpora;
        this.options = options.Value;
        time = timeProvider;
        this.logger = logger;
        discovery = new DatasetDiscovery(corpora, logger);
        cache = new DatasetFactsCache(corpora, logger);
    }

    /// <summary>Raised (on a worker thread) whenever <see cref="State"/> changes.</summary>
    public event Action<CatalogScanState>? StateChanged;

    public CatalogScanState State => state;

    public string DataDirectory => corpora.DataDirectory;
    public string DatasetsDirectory => corpora.DatasetsDirectory;

    /// <summary>Folder of a dataset's files: the data directory for corpora and system outputs, else the datasets folder.</summary>
    public string RootOf(DatasetKind kind) => kind is DatasetKind.Real or DatasetKind.SystemOutput ? DataDirectory : DatasetsDirectory;

    /// <summary>Scans everything now, or joins the scan in progress. <paramref name="cancellationToken"/> stops the wait, not the scan.</summary>
    public Task<CatalogScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        Task<CatalogScanResult> scan;
        lock (gate)
        {
            if (this.scan is null || this.scan.IsCompleted)
            {
                this.scan = Task.Run(() => RunScanAsync(stopping.Token));
            }

            scan = this.scan;
        }

        return scan.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    /// <summary>Measures one candidate into a record (used by the importer before it writes anything to the database).</summary>
    internal async Task<DatasetRecord> DescribeAsync(DatasetCandidate candidate, CancellationToken cancellationToken)
    {
        var cache = await this.cache.LoadAsync(cancellationToken).ConfigureAwait(false);
        var (facts, _) = await DatasetMeasurement.MeasureAsync(candidate, cache, cancellationToken).ConfigureAwait(false);
        await this.cache.SaveAsync(cache).ConfigureAwait(false);
        return ToRecord(candidate, facts, time.GetUtcNow());
    }

    private async Task<CatalogScanResult> RunScanAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var candidates = await discovery.FindCandidatesAsync(cancellationToken).ConfigureAwait(false);
            Publish(new CatalogScanState(true, 0, candidates.Count, null, state.LastResult, null));
            var cache = await this.cache.LoadAsync(cancellationToken).ConfigureAwait(false);
            var records = new DatasetRecord[candidates.Count];
            int done = 0, filesHashed = 0;
            long bytesHashed = 0;
            var now = time.GetUtcNow();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, candidates.Count),
                CallerParallelism.Options(cancellationToken, Math.Max(1, options.ScanParallelism)),
                async (i, token) =>
                {
                    var (facts, hashed) = await DatasetMeasurement.MeasureAsync(candidates[i], cache, token).ConfigureAwait(false);
                    records[i] = ToRecord(candidates[i], facts, now);
                    if (hashed)
                    {
                        Interlocked.Add(ref filesHashed, candidates[i].Files.Count);
                        Interlocked.Add(ref bytesHashed, facts.Bytes);
                    }

                    Publish(state with { Done = Interlocked.Increment(ref done), Current = candidates[i].Id });
                }).ConfigureAwait(false);

            await this.cache.SaveAsync(cache).ConfigureAwait(false);
            await StoreAsync(records, now, cancellationToken).ConfigureAwait(false);
            var result = new CatalogScanResult(
                records.Length, records.Count(r => r.Available), records.Count(r => !r.Available), filesHashed, bytesHashed, clock.Elapsed, time.GetUtcNow());
            LogScanned(result.Datasets, result.Unavailable, result.FilesHashed, result.BytesHashed, (long)result.Elapsed.TotalMilliseconds);
            Publish(new CatalogScanState(false, records.Length, records.Length, null, result, null));
            return result;
        }
        catch (Exception e)
        {
            LogScanFailed(e);
            Publish(new CatalogScanState(false, 0, 0, null, state.LastResult, e is OperationCanceledException ? "The scan was cancelled." : $"The scan failed: {e.Message}"));
            throw;
        }
    }

    /// <summary>The candidate for <c>imported/&lt;folder&gt;</c> (used by the importer right after it wrote the folder).</summary>
    internal Task<DatasetCandidate> ImportedCandidateAsync(string folder, CancellationToken cancellationToken) =>
        discovery.ImportedCandidateAsync(folder, cancellationToken);

    private void Publish(CatalogScanState state)
    {
        this.state = state;
        StateChanged?.Invoke(state);
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
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogued {Count} datasets ({Unavailable} unavailable); read {Files} files ({Bytes} bytes) in {Milliseconds} ms")]
    private partial void LogScanned(int count, int unavailable, int files, long bytes, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dataset catalogue scan failed")]
    private partial void LogScanFailed(Exception exception);
}
