using System.Collections.Concurrent;
using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Generation;

/// <summary>
/// Finds a synthetic target set by generator id: the published system outputs of <see cref="ImportedSystemCatalog"/>
/// are read straight from the data directory (never copied); every other set lives in
/// <c>&lt;DatasetsDirectory&gt;/&lt;id&gt;/targets.jsonl</c>. Loaded sets are cached per process, since runs of one
/// experiment ask for the same sets over and over and a set never changes once written.
/// </summary>
public sealed class SyntheticDatasetRepository
{
    private readonly CorpusCatalog _catalog;
    private readonly ConcurrentDictionary<string, Lazy<Task<SyntheticTargetSet>>> _cache = new(StringComparer.OrdinalIgnoreCase);

    public SyntheticDatasetRepository(CorpusCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Where a generated set with this id is stored (ids may contain '/', which become folders).</summary>
    public string PathOf(string generatorId)
    {
        ValidateId(generatorId);
        return Path.Combine(_catalog.DatasetsDirectory, Path.Combine(generatorId.Split('/')), SyntheticTargetStore.FileName);
    }

    public bool Exists(string generatorId) => ImportedSystemCatalog.Find(generatorId) is not null || File.Exists(PathOf(generatorId));

    /// <exception cref="ArgumentException">The id is malformed.</exception>
    /// <exception cref="FileNotFoundException">Neither a known system output nor a stored set has this id.</exception>
    public Task<SyntheticTargetSet> LoadAsync(string generatorId, CancellationToken cancellationToken)
    {
        ValidateId(generatorId);
        var entry = _cache.GetOrAdd(generatorId, id => new Lazy<Task<SyntheticTargetSet>>(() => LoadUncachedAsync(id, CancellationToken.None)));
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _cache.TryRemove(generatorId, out _);
        }

        return task.WaitAsync(cancellationToken);
    }

    public async Task SaveAsync(SyntheticTargetSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (ImportedSystemCatalog.Find(set.Generator.Id) is not null)
        {
            throw new ArgumentException($"'{set.Generator.Id}' names a published system output; choose another id.", nameof(set));
        }

        await SyntheticTargetStore.SaveAsync(set, PathOf(set.Generator.Id), cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(set.Generator.Id, out _);
    }

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

        var generator = new ImportedOutputsGenerator(system.Generator, _catalog.ResolveFile(system.SourceFile), _catalog.ResolveFile(system.OutputFile));
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
