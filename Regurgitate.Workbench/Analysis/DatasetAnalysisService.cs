using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// Reads the human side from the corpus pool (the test split for corpora with predefined splits), keeps the pairs whose
/// source every chosen set translated, and runs <see cref="DatasetReport"/> on the thread pool. Finished comparisons
/// are kept in memory (the last <see cref="CacheCapacity"/>, keyed by <see cref="DatasetAnalysisRequest.Key"/>);
/// failed or cancelled ones are not. Two simultaneous identical requests both compute.
/// </summary>
public sealed class DatasetAnalysisService(CorpusCatalog catalog, SyntheticDatasetRepository repository, ILogger<DatasetAnalysisService> logger)
    : IDatasetAnalysisService
{
    public const int CacheCapacity = 8;

    private readonly RecentResults<DatasetAnalysis> _cache = new(CacheCapacity);

    public DatasetAnalysis? TryGetCached(DatasetAnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _cache.TryGet(request.Key);
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

        if (TryGetCached(request) is { } cached)
        {
            progress?.Report(1);
            return cached;
        }

        var corpus = CorpusCatalog.Get(request.CorpusId);
        var files = corpus.HasPredefinedSplits ? corpus.Test : corpus.Pool;
        var pairs = new List<(string Source, string Reference)>();
        foreach (var file in files)
        {
            var sources = await TextLines.ReadAllAsync(catalog.ResolveFile(file.Source), cancellationToken).ConfigureAwait(false);
            var references = await TextLines.ReadAllAsync(catalog.ResolveFile(file.Target), cancellationToken).ConfigureAwait(false);
            if (sources.Count != references.Count)
            {
                throw new InvalidOperationException($"'{file.Source}' and '{file.Target}' have different line counts ({sources.Count} and {references.Count}).");
            }

            pairs.AddRange(sources.Zip(references).Where(p => !string.IsNullOrWhiteSpace(p.First) && !string.IsNullOrWhiteSpace(p.Second)));
        }

        progress?.Report(0.02);
        var sets = new List<SyntheticTargetSet>();
        foreach (var id in request.SetIds)
        {
            sets.Add(await repository.LoadAsync(id, cancellationToken).ConfigureAwait(false));
        }

        progress?.Report(0.05);
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
        var reportProgress = progress is null ? null : new Scaled(progress, 0.05, 1);
        var report = await DatasetReport.BuildAsync(
            sourceList,
            new TextSide(DatasetAnalysis.ReferenceSide, referenceList),
            [.. request.SetIds.Select((id, k) => new TextSide(id, targets[k]))],
            options,
            reportProgress,
            cancellationToken).ConfigureAwait(false);
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
        _cache.Add(request.Key, analysis);
        return analysis;
    }

    /// <summary>Maps [0, 1] onto [from, to], synchronously (System.Progress would post and reorder).</summary>
    private sealed class Scaled(IProgress<double> inner, double from, double to) : IProgress<double>
    {
        public void Report(double value) => inner.Report(from + ((to - from) * value));
    }
}
