using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// Reads the human side from the corpus pool (the test split for corpora with predefined splits), keeps the pairs whose
/// source every chosen set translated, and runs <see cref="DatasetReport"/> through the <see cref="HeavyWorkScheduler"/>
/// (two simultaneous identical requests share one computation). Finished comparisons are kept in memory (the last
/// <see cref="CacheCapacity"/>, keyed by <see cref="DatasetAnalysisRequest.Key"/> and the length and last write time of
/// every file read, so a regenerated set or an edited corpus is analysed afresh); failed or cancelled ones are not.
/// </summary>
public sealed class DatasetAnalysisService(
    CorpusCatalog catalog, SyntheticDatasetRepository repository, HeavyWorkScheduler scheduler, ILogger<DatasetAnalysisService> logger)
    : IDatasetAnalysisService
{
    public const int CacheCapacity = 8;

    private readonly RecentResults<DatasetAnalysis> cache = new(CacheCapacity);

    public DatasetAnalysis? TryGetCached(DatasetAnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return cache.TryGet(StampedKey(request));
    }

    public async Task<DatasetAnalysis> AnalyzeAsync(DatasetAnalysisRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SetIds.Count == 0)
        {
            throw new ArgumentException("Choose at least one synthetic set.", nameof(request));
        }

        if (request.SetIds.Distinct(StringComparer.OrdinalIgnoreCase).Count() != request.SetIds.Count)
        {
            throw new ArgumentException("A set is listed twice.", nameof(request));
        }

        var key = StampedKey(request);
        if (cache.TryGet(key) is { } cached)
        {
            progress?.Report(1);
            return cached;
        }

        return await scheduler.RunAsync(
            nameof(DatasetAnalysisService) + "|" + key,
            (jobProgress, token) => ComputeAsync(request, key, jobProgress, token),
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request's key and the stamps of the corpus files and sets it reads.</summary>
    private string StampedKey(DatasetAnalysisRequest request)
    {
        var corpus = CorpusCatalog.Find(request.CorpusId);
        var corpusFiles = corpus is null
            ? []
            : (corpus.HasPredefinedSplits ? corpus.Test : corpus.Pool).SelectMany(f => new[] { catalog.ResolveFile(f.Source), catalog.ResolveFile(f.Target) });
        var setFiles = request.SetIds.SelectMany(id => SafeSourceFiles(id));
        return request.Key + "|" + FileStamps.Of(corpusFiles.Concat(setFiles));
    }

    /// <summary>A malformed set id has no files; the analysis itself reports it.</summary>
    private IEnumerable<string> SafeSourceFiles(string setId)
    {
        try
        {
            return repository.SourceFilesOf(setId);
        }
        catch (ArgumentException)
        {
            return [];
        }
    }

    // Awaits keep their context: the work stays on the scheduler's low-priority threads.
    private async Task<DatasetAnalysis> ComputeAsync(DatasetAnalysisRequest request, string key, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var corpus = CorpusCatalog.Get(request.CorpusId);
        var files = corpus.HasPredefinedSplits ? corpus.Test : corpus.Pool;
        var pairs = new List<(string Source, string Reference)>();
        foreach (var file in files)
        {
            var sources = await TextLines.ReadAllAsync(catalog.ResolveFile(file.Source), cancellationToken);
            var references = await TextLines.ReadAllAsync(catalog.ResolveFile(file.Target), cancellationToken);
            if (sources.Count != references.Count)
            {
                throw new InvalidOperationException($"'{file.Source}' and '{file.Target}' have different line counts ({sources.Count} and {references.Count}).");
            }

            pairs.AddRange(sources.Zip(references).Where(p => !string.IsNullOrWhiteSpace(p.First) && !string.IsNullOrWhiteSpace(p.Second)));
        }

        progress.Report(0.02);
        var sets = new List<SyntheticTargetSet>();
        foreach (var id in request.SetIds)
        {
            sets.Add(await repository.LoadAsync(id, cancellationToken));
        }

        progress.Report(0.05);
        var common = pairs.Where(p => sets.All(s => s.Covers(p.Source))).ToArray();
        if (common.Length == 0)
        {
            throw new InvalidOperationException($"No source of corpus '{corpus.Id}' is translated by every chosen set.");
        }

        var targets = sets.Select(s => (IReadOnlyList<string>)common.Select(p => s.TryGetTarget(p.Source, out var t) ? t : string.Empty).ToArray()).ToArray();
        var options = new DatasetReportOptions
        {
            SampleSize = request.SampleSize is { } n ? Math.Min(n, common.Length) : null,
            Seed = request.Seed,
        };
        var sourceList = common.Select(p => p.Source).ToArray();
        var referenceList = common.Select(p => p.Reference).ToArray();
        var report = DatasetReport.Build(
            sourceList,
            new TextSide(DatasetAnalysis.ReferenceSide, referenceList),
            [.. request.SetIds.Select((id, k) => new TextSide(id, targets[k]))],
            options,
            new ScaledProgress(progress, 0.05, 0.95),
            cancellationToken);
        logger.LogInformation(
            "Compared {Corpus} with {Sets} on {Sample} of {Common} common pairs in {Elapsed}",
            corpus.Id, string.Join(", ", request.SetIds), report.SampleSize, common.Length, report.Elapsed);

        var analysis = new DatasetAnalysis
        {
            CorpusId = corpus.Id,
            SetIds = [.. request.SetIds],
            SetNames = [.. sets.Select(s => s.Generator.Name)],
            CorpusPairs = pairs.Count,
            CommonPairs = common.Length,
            Sources = sourceList,
            References = referenceList,
            Targets = targets,
            Report = report,
        };
        cache.Add(key, analysis);
        return analysis;
    }
}
