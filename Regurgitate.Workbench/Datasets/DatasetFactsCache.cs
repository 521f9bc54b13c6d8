using System.Collections.Concurrent;
using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// What <see cref="DatasetMeasurement"/> found, kept per dataset with the files' (path, size, modification time) in
/// <c>&lt;datasets&gt;/.catalog-cache.json</c>, so a re-scan of unchanged files reads nothing but their metadata. An
/// unreadable cache is rebuilt and an unwritable one only logged: the cache saves time, never decides anything.
/// </summary>
internal sealed partial class DatasetFactsCache(CorpusCatalog corpora, ILogger logger)
{
    private const int CacheVersion = 1;

    private ConcurrentDictionary<string, DatasetFacts>? loaded;

    public async Task<ConcurrentDictionary<string, DatasetFacts>> LoadAsync(CancellationToken cancellationToken)
    {
        if (loaded is { } cached)
        {
            return cached;
        }

        var cache = new ConcurrentDictionary<string, DatasetFacts>(StringComparer.Ordinal);
        var path = Path.Combine(corpora.DatasetsDirectory, DatasetCatalogScanner.CacheFileName);
        try
        {
            if (File.Exists(path))
            {
                await using var stream = File.OpenRead(path);
                var file = await JsonSerializer.DeserializeAsync<CacheFile>(stream, DatasetCatalogScanner.Json, cancellationToken).ConfigureAwait(false);
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

        return loaded = cache;
    }

    public async Task SaveAsync(ConcurrentDictionary<string, DatasetFacts> cache)
    {
        var path = Path.Combine(corpora.DatasetsDirectory, DatasetCatalogScanner.CacheFileName);
        try
        {
            Directory.CreateDirectory(corpora.DatasetsDirectory);
            var file = new CacheFile(CacheVersion, new SortedDictionary<string, DatasetFacts>(cache, StringComparer.Ordinal));
            await AtomicFile.WriteAsync(path, (stream, token) => JsonSerializer.SerializeAsync(stream, file, DatasetCatalogScanner.Json, token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheUnwritable(path, e.Message);
        }
    }

    private sealed record CacheFile(int Version, IDictionary<string, DatasetFacts> Entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue cache '{Path}' could not be read and is rebuilt: {Problem}")]
    private partial void LogCacheUnreadable(string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue cache '{Path}' could not be written: {Problem}")]
    private partial void LogCacheUnwritable(string path, string problem);
}
