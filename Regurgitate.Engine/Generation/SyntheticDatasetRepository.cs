using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Generation;

/// <summary>
/// Finds a synthetic target set by generator id: the published system outputs of <see cref="ImportedSystemCatalog"/>
/// are read straight from the data directory (never copied); every other set lives in
/// <c>&lt;DatasetsDirectory&gt;/&lt;id&gt;/targets.jsonl</c>. Loaded sets are cached per process, since runs of one
/// experiment ask for the same sets over and over: at most <see cref="DefaultCacheCharacters"/> characters of sets,
/// least recently used evicted first, and a set whose files changed on disk (length or last write time) is read again.
/// </summary>
public sealed class SyntheticDatasetRepository
{
    /// <summary>About 128 MB of text: every published system output of the shared data fits several times over.</summary>
    public const long DefaultCacheCharacters = 64L * 1024 * 1024;

    private readonly CorpusCatalog catalog;
    private readonly StampedCache<SyntheticTargetSet> cache;

    public SyntheticDatasetRepository(CorpusCatalog catalog)
        : this(catalog, DefaultCacheCharacters)
    {
    }

    internal SyntheticDatasetRepository(CorpusCatalog catalog, long cacheCharacters)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        cache = new StampedCache<SyntheticTargetSet>(cacheCharacters, set => set.CharacterCount);
    }

    /// <summary>Sets kept in memory.</summary>
    internal int CachedCount => cache.Count;

    /// <summary>Where a generated set with this id is stored (ids may contain '/', which become folders).</summary>
    public string PathOf(string generatorId)
    {
        ValidateId(generatorId);
        return Path.Combine(catalog.DatasetsDirectory, Path.Combine(generatorId.Split('/')), SyntheticTargetStore.FileName);
    }

    public bool Exists(string generatorId) => ImportedSystemCatalog.Find(generatorId) is not null || File.Exists(PathOf(generatorId));

    /// <exception cref="ArgumentException">The id is malformed.</exception>
    /// <exception cref="FileNotFoundException">Neither a known system output nor a stored set has this id.</exception>
    public Task<SyntheticTargetSet> LoadAsync(string generatorId, CancellationToken cancellationToken)
    {
        ValidateId(generatorId);
        var key = generatorId.ToUpperInvariant();
        return cache.GetAsync(key, FileStamps.Of(SourceFilesOf(generatorId)), token => LoadUncachedAsync(generatorId, token), cancellationToken);
    }

    public async Task SaveAsync(SyntheticTargetSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (ImportedSystemCatalog.Find(set.Generator.Id) is not null)
        {
            throw new ArgumentException($"'{set.Generator.Id}' names a published system output; choose another id.", nameof(set));
        }

        await SyntheticTargetStore.SaveAsync(set, PathOf(set.Generator.Id), cancellationToken).ConfigureAwait(false);
        cache.Remove(set.Generator.Id.ToUpperInvariant());
    }

    /// <summary>The files a set is read from: its stored targets, or a published system's source and output files.</summary>
    public IEnumerable<string> SourceFilesOf(string generatorId) => ImportedSystemCatalog.Find(generatorId) is { } system
        ? [catalog.ResolveFile(system.SourceFile), catalog.ResolveFile(system.OutputFile)]
        : [PathOf(generatorId)];

    private async Task<SyntheticTargetSet> LoadUncachedAsync(string generatorId, CancellationToken cancellationToken)
    {
        var system = ImportedSystemCatalog.Find(generatorId);
        if (system is null)
        {
            var path = PathOf(generatorId);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"No synthetic dataset '{generatorId}': it is not a published system output and '{path}' does not exist. Generate it first.", path);
            }

            return await SyntheticTargetStore.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var generator = new ImportedOutputsGenerator(system.Generator, catalog.ResolveFile(system.SourceFile), catalog.ResolveFile(system.OutputFile));
        var lines = await generator.ReadAlignedAsync(cancellationToken).ConfigureAwait(false);
        var segments = lines.Select((pair, i) => new SourceSegment(i, pair.Source)).ToList();
        return await SyntheticSetBuilder.BuildAsync(generator, segments, null, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateId(string generatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        var parts = generatorId.Split('/');
        if (parts.Any(p => p.Length == 0 || p is "." or ".." || p.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || p.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{generatorId}' is not a valid dataset id: use letters, digits, '-', '_', '.' and '/' between non-empty parts.", nameof(generatorId));
        }
    }
}
