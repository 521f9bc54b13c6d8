namespace Regurgitate.Workbench.Comparison;

/// <summary>The data behind the comparison page: the runs table and the comparison charts.</summary>
public interface IMetricSeriesService
{
    /// <summary>Every run, newest first, with its flattened configuration and tags (no metric values: see <see cref="SummarizeAsync"/>).</summary>
    Task<IReadOnlyList<ComparisonRunRow>> ListRunsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Last, best and best-smoothed value of each of <paramref name="metrics"/> per run (run id → metric → summary),
    /// streamed one run at a time from the database so that no more than one curve is held in memory.
    /// </summary>
    Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, MetricSummary>>> SummarizeAsync(
        IReadOnlyList<int> runIds, IReadOnlyList<string> metrics, Series.SmoothingOptions smoothing, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the metric's full-resolution curves of the query's runs (one query for the metric, one for the x axis
    /// when it is not the step), drops the first points, smooths, and groups. The result is full resolution; see
    /// <see cref="ComparisonChartData.ForDisplay"/> for drawing.
    /// </summary>
    Task<ComparisonChartData> LoadChartAsync(SeriesQuery query, IReadOnlyList<ComparisonRunRow> runs, CancellationToken cancellationToken);

    /// <summary>Replaces a run's tags.</summary>
    Task SetTagsAsync(int runId, IEnumerable<string> tags, CancellationToken cancellationToken);
}
