using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Datasets;

/// <summary>
/// Reads aligned samples straight from the dataset files: a corpus with its human reference and the published system
/// outputs aligned with it line by line (an empty output line is a failed translation), a system output with its
/// corpus, a generated set with the human reference found by its German source, an import with its English side.
/// Files read are kept while they are unchanged on disk (length and last write time), within
/// <see cref="DefaultCacheCharacters"/> characters per kind, least recently used evicted first; the whole shared data
/// is under 50 MB of text, so browsing it reads each file once.
/// </summary>
public sealed class DatasetSamples : IDatasetSamples
{
    /// <summary>About 128 MB of text per cache.</summary>
    public const long DefaultCacheCharacters = 64L * 1024 * 1024;

    private readonly CorpusCatalog corpora;
    private readonly IDatasetCatalog catalog;
    private readonly StampedCache<IReadOnlyList<string>> lines;
    private readonly StampedCache<SyntheticTargetSet> sets;

    /// <param name="corpora">Resolves corpus and system-output files against the data directory.</param>
    /// <param name="catalog">Which corpora and published outputs exist, and where stored datasets' files are.</param>
    public DatasetSamples(CorpusCatalog corpora, IDatasetCatalog catalog)
        : this(corpora, catalog, DefaultCacheCharacters)
    {
    }

    internal DatasetSamples(CorpusCatalog corpora, IDatasetCatalog catalog, long cacheCharacters)
    {
        this.corpora = corpora;
        this.catalog = catalog;
        lines = new StampedCache<IReadOnlyList<string>>(cacheCharacters, lines => lines.Sum(l => (long)l.Length + 1));
        sets = new StampedCache<SyntheticTargetSet>(cacheCharacters, set => set.CharacterCount);
    }

    /// <summary>Files kept in memory (lines and generated sets).</summary>
    internal int CachedCount => lines.Count + sets.Count;

    public async Task<(SampleSet? Set, string? Problem)> OpenAsync(DatasetRow dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        try
        {
            var columns = await ColumnsAsync(dataset, cancellationToken);
            var systems = SystemsFor(dataset);
            var defaults = dataset.Kind == DatasetKind.SystemOutput
                ? [dataset.Id]
                : systems.Where(s => s.Id.EndsWith("/GPT-4", StringComparison.Ordinal)).Select(s => s.Id).DefaultIfEmpty(systems.FirstOrDefault()?.Id).OfType<string>().ToList();
            if (dataset.Kind == DatasetKind.Generated)
            {
                systems = [new SystemChoice(dataset.Id, dataset.Name)];
                defaults = [dataset.Id];
            }

            return (new SampleSet(dataset.Id, columns.Sources.Count, columns.ReferenceLabel, systems, defaults), null);
        }
        catch (Exception e) when (e is CorpusFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, e.Message);
        }
    }

    public async Task<IReadOnlyList<SampleRow>> GetRowsAsync(DatasetRow dataset, IReadOnlyList<string> systems, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(systems);
        var columns = await ColumnsAsync(dataset, cancellationToken);
        var end = Math.Min(columns.Sources.Count, skip + take);
        var targets = new List<(string Id, Func<int, string, SampleTarget> Get)>();
        foreach (var systemId in systems)
        {
            targets.Add((systemId, await TargetLookupAsync(dataset, systemId, cancellationToken)));
        }

        var rows = new List<SampleRow>(Math.Max(0, end - skip));
        for (var i = Math.Max(0, skip); i < end; i++)
        {
            var source = columns.Sources[i];
            rows.Add(new SampleRow(i, source, columns.Reference?.Invoke(i, source), [.. targets.Select(t => t.Get(i, source))]));
        }

        return rows;
    }

    private IReadOnlyList<SystemChoice> SystemsFor(DatasetRow dataset) => dataset.Kind switch
    {
        DatasetKind.Real => [.. catalog.PublishedSystemsOf(dataset.Id).Select(s => new SystemChoice(s.Generator.Id, s.Generator.Name))],
        DatasetKind.SystemOutput when dataset.CorpusId is { } corpus => [.. catalog.PublishedSystemsOf(corpus).Select(s => new SystemChoice(s.Generator.Id, s.Generator.Name))],
        _ => [],
    };

    private sealed record Columns(IReadOnlyList<string> Sources, string? ReferenceLabel, Func<int, string, string?>? Reference);

    private async Task<Columns> ColumnsAsync(DatasetRow dataset, CancellationToken cancellationToken)
    {
        switch (dataset.Kind)
        {
            case DatasetKind.Real:
            case DatasetKind.SystemOutput:
            {
                var corpusId = dataset.Kind == DatasetKind.Real ? dataset.Id : dataset.CorpusId;
                var corpus = catalog.FindCorpus(corpusId) ?? throw new ArgumentException($"Dataset '{dataset.Id}' names corpus '{corpusId}', which the catalogue does not know.", nameof(dataset));
                var (sources, references) = await CorpusLinesAsync(corpus, cancellationToken);
                return new Columns(sources, "Human reference", (i, _) => references[i]);
            }

            case DatasetKind.Generated:
            {
                var set = await SetAsync(dataset, cancellationToken);
                var sources = set.Targets.Where(t => t.Sample == 0).Select(t => t.Source).ToList();
                if (catalog.FindCorpus(dataset.CorpusId) is not { } corpus)
                {
                    return new Columns(sources, null, null);
                }

                var (corpusSources, references) = await CorpusLinesAsync(corpus, cancellationToken);
                var bySource = new Dictionary<string, string>(SourceKey.Comparer);
                for (var i = 0; i < corpusSources.Count; i++)
                {
                    bySource.TryAdd(SourceKey.Of(corpusSources[i]), references[i]);
                }

                return new Columns(sources, "Human reference", (_, source) => bySource.GetValueOrDefault(SourceKey.Of(source)));
            }

            default:
            {
                var root = catalog.FolderOf(dataset.Kind);
                var sources = await LinesAsync(Path.GetFullPath(dataset.Files[0], root), cancellationToken);
                var targets = await LinesAsync(Path.GetFullPath(dataset.Files[1], root), cancellationToken);
                return new Columns(sources, "English side", (i, _) => targets[i]);
            }
        }
    }

    private async Task<Func<int, string, SampleTarget>> TargetLookupAsync(DatasetRow dataset, string systemId, CancellationToken cancellationToken)
    {
        if (dataset.Kind == DatasetKind.Generated && systemId == dataset.Id)
        {
            var set = await SetAsync(dataset, cancellationToken);
            var targets = set.Targets.Where(t => t.Sample == 0).ToList();
            return (i, _) => new SampleTarget(systemId, targets[i].Text, targets[i].Failure);
        }

        var system = catalog.FindPublishedSystem(systemId) ?? throw new ArgumentException($"Unknown system '{systemId}'.", nameof(systemId));
        var lines = await LinesAsync(corpora.ResolveFile(system.OutputFile), cancellationToken);
        return (i, _) => i < lines.Count && !string.IsNullOrWhiteSpace(lines[i])
            ? new SampleTarget(systemId, lines[i], null)
            : new SampleTarget(systemId, null, i < lines.Count ? $"empty output on line {i + 1}" : "no output line");
    }

    private async Task<(IReadOnlyList<string> Sources, IReadOnlyList<string> References)> CorpusLinesAsync(CorpusDescriptor corpus, CancellationToken cancellationToken)
    {
        var sources = new List<string>();
        var references = new List<string>();
        foreach (var files in corpus.Train.Concat(corpus.Dev).Concat(corpus.Test).Concat(corpus.Pool))
        {
            sources.AddRange(await LinesAsync(corpora.ResolveFile(files.Source), cancellationToken));
            references.AddRange(await LinesAsync(corpora.ResolveFile(files.Target), cancellationToken));
        }

        return (sources, references);
    }

    private Task<IReadOnlyList<string>> LinesAsync(string path, CancellationToken cancellationToken) =>
        lines.GetAsync(path, FileStamps.Of(path), async token => await TextLines.ReadAllAsync(path, token), cancellationToken);

    private Task<SyntheticTargetSet> SetAsync(DatasetRow dataset, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(dataset.Files[0], catalog.FolderOf(dataset.Kind));
        return sets.GetAsync(path, FileStamps.Of(path), token => SyntheticTargetStore.LoadAsync(path, token), cancellationToken);
    }
}
