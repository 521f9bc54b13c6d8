namespace Regurgitate.Workbench.Analysis;

/// <summary>Compares a corpus's human references with synthetic target sets (errors and lexical diversity).</summary>
public interface IDatasetAnalysisService
{
    /// <summary>
    /// Builds (or returns the cached) comparison. Progress is reported in [0, 1].
    /// </summary>
    /// <exception cref="ArgumentException">Unknown corpus, no set, or a malformed set id.</exception>
    /// <exception cref="FileNotFoundException">A corpus file or a set is missing.</exception>
    /// <exception cref="InvalidOperationException">The sets share no source with the corpus.</exception>
    Task<DatasetAnalysis> AnalyzeAsync(DatasetAnalysisRequest request, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>A cached comparison, without computing one.</summary>
    DatasetAnalysis? TryGetCached(DatasetAnalysisRequest request);
}
