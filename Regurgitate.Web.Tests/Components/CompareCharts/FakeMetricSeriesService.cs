using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>Serves fixed rows and computes charts from fixed curves with the real series maths; records the queries.</summary>
internal sealed class FakeMetricSeriesService(IReadOnlyList<ComparisonRunRow> rows) : IMetricSeriesService
{
    public List<SeriesQuery> Queries { get; } = [];

    public List<SmoothingOptions> SummarySmoothings { get; } = [];

    public int Listings { get; private set; }

    public Task<IReadOnlyList<ComparisonRunRow>> ListRunsAsync(CancellationToken cancellationToken)
    {
        Listings++;
        return Task.FromResult(rows);
    }

    public Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, MetricSummary>>> SummarizeAsync(
        IReadOnlyList<int> runIds, IReadOnlyList<string> metrics, SmoothingOptions smoothing, CancellationToken cancellationToken)
    {
        SummarySmoothings.Add(smoothing);
        return Task.FromResult<IReadOnlyDictionary<int, IReadOnlyDictionary<string, MetricSummary>>>(
            runIds.ToDictionary(id => id, id => (IReadOnlyDictionary<string, MetricSummary>)new Dictionary<string, MetricSummary>
            {
                ["train/loss"] = new(id, id / 2.0, id / 4.0),
            }));
    }

    public Task<ComparisonChartData> LoadChartAsync(SeriesQuery query, IReadOnlyList<ComparisonRunRow> runs, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        var curves = query.RunIds.Select(id => (Run: runs.Single(r => r.Id == id), Curve: new XYSeries([1, 2, 3], [id, id + 1.0, id + 2.0]))).ToList();
        List<ChartTrace> traces;
        if (query.GroupBy is { } field)
        {
            traces = [.. curves.GroupBy(c => c.Run.Fields[field]).Select((g, index) =>
            {
                var mean = Aggregation.Aggregate([.. g.Select(c => c.Curve)], query.Band);
                return new ChartTrace($"{field} = {g.Key} (n={g.Count()})", g.Key, RunColors.ForGroup(index), ChartTraceKind.GroupMean,
                    [.. g.Select(c => c.Run.Id)], mean.X, mean.Mean, mean.Lower, mean.Upper);
            })];
        }
        else
        {
            traces =
            [
                .. curves.Select(c => new ChartTrace(c.Run.Label, c.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), RunColors.ForRun(c.Run.Id), ChartTraceKind.Raw, [c.Run.Id], c.Curve.X, c.Curve.Y)),
                .. curves.Select(c => new ChartTrace(c.Run.Label, c.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), RunColors.ForRun(c.Run.Id), ChartTraceKind.Smoothed, [c.Run.Id], c.Curve.X, Smoothing.Apply(c.Curve.Y, query.Smoothing))),
            ];
        }

        return Task.FromResult(new ComparisonChartData(query, traces, []));
    }

    public Task SetTagsAsync(int runId, IEnumerable<string> tags, CancellationToken cancellationToken) => Task.CompletedTask;
}
