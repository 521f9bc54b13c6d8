using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Logging;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// Reads curves with the <c>(RunId, Name, Step)</c> index of <see cref="MetricPoint"/>: one query per metric for the
/// chosen runs, ordered by run and step, so the points arrive in curve order. All maths (skip, smoothing, grouping)
/// runs here on full-resolution data; downsampling happens only for display.
/// </summary>
public sealed partial class MetricSeriesService(
    IDbContextFactory<RegurgitateDbContext> contextFactory, ILogger<MetricSeriesService> logger) : IMetricSeriesService
{
    /// <summary>The <c>Fields</c> key of a run's condition, experiment, status and tags.</summary>
    public const string ConditionField = "Condition", ExperimentField = "Experiment", StatusField = "Status", TagsField = "Tags";

    /// <summary>Summaries kept at most; the cache starts over when full (recomputing is a database scan, not an error).</summary>
    public const int SummaryCacheCapacity = 20_000;

    /// <summary>
    /// Points of completed runs' curves kept in memory (about 20 bytes each), so changing the smoothing, grouping or
    /// axis of a comparison does not read the database again; the cache starts over when full.
    /// </summary>
    public const int CurveCacheCapacity = 2_000_000;

    private static readonly DateTimeOffsetToBinaryConverter TimestampConverter = new();

    private readonly ConcurrentDictionary<(int RunId, string Metric, int LastStep), StoredCurve> curves = new();
    private long cachedPoints;

    // A completed run's curves never change, so its summaries are kept per (run, metric, smoothing, last step).
    private readonly ConcurrentDictionary<(int RunId, string Metric, SmoothingOptions Smoothing, int LastStep), MetricSummary?> summaries = new();

    public async Task<IReadOnlyList<ComparisonRunRow>> ListRunsAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var runs = await context.Runs
            .AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, ExperimentName = r.Experiment!.Name, r.Condition, r.TrainSize, r.Seed, r.RealFraction, r.Status, r.Tags,
                r.TestBleu, r.TestChrF, r.LastStep, r.CreatedAt, r.StartedAt, r.ConfigJson,
            })
            .ToListAsync(cancellationToken);
        return runs.Select(r =>
        {
            var tags = RunTags.Parse(r.Tags);
            var fields = ConfigFlattener.Flatten(r.ConfigJson);
            fields[ExperimentField] = r.ExperimentName;
            fields[ConditionField] = r.Condition ?? string.Empty;
            fields[StatusField] = r.Status.ToString();
            fields[TagsField] = string.Join(',', tags);
            return new ComparisonRunRow(
                r.Id, r.ExperimentName, r.Condition, r.TrainSize, r.Seed, r.RealFraction, r.Status, tags,
                r.TestBleu, r.TestChrF, r.LastStep, r.CreatedAt, r.StartedAt, fields);
        }).ToList();
    }

    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, MetricSummary>>> SummarizeAsync(
        IReadOnlyList<int> runIds, IReadOnlyList<string> metrics, SmoothingOptions smoothing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(smoothing);
        var clock = Stopwatch.StartNew();
        var result = new Dictionary<int, IReadOnlyDictionary<string, MetricSummary>>();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);

        // Only completed runs are cached: a running run's points are still being written, and a failed one may be retried.
        var completed = await context.Runs.AsNoTracking()
            .Where(r => runIds.Contains(r.Id) && r.Status == RunStatus.Completed)
            .Select(r => new { r.Id, r.LastStep })
            .ToDictionaryAsync(r => r.Id, r => r.LastStep, cancellationToken);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Quoted names and @parameters: the same text on SQLite and on PostgreSQL (which folds unquoted names to lower case).
        command.CommandText = "SELECT \"Value\" FROM \"MetricPoints\" WHERE \"RunId\" = @run AND \"Name\" = @name ORDER BY \"Step\"";
        var run = AddParameter(command, "@run");
        var name = AddParameter(command, "@name");
        var values = new List<double>();
        long points = 0;
        foreach (var runId in runIds)
        {
            var summaries = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
            foreach (var metric in metrics)
            {
                var key = (runId, metric, smoothing, completed.TryGetValue(runId, out var lastStep) ? lastStep : -1);
                if (key.Item4 < 0 || !this.summaries.TryGetValue(key, out var summary))
                {
                    // One run's curve at a time: a few thousand doubles, whatever the number of runs.
                    values.Clear();
                    run.Value = runId;
                    name.Value = metric;
                    await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                    {
                        while (await reader.ReadAsync(cancellationToken))
                        {
                            values.Add(reader.GetDouble(0));
                        }
                    }

                    points += values.Count;
                    summary = Summarize(values, metric, smoothing);
                    if (key.Item4 >= 0)
                    {
                        if (this.summaries.Count >= SummaryCacheCapacity)
                        {
                            this.summaries.Clear();
                        }

                        this.summaries[key] = summary;
                    }
                }

                if (summary is not null)
                {
                    summaries[metric] = summary;
                }
            }

            result[runId] = summaries;
        }

        LogSummarized(logger, points, runIds.Count, metrics.Count, clock.ElapsedMilliseconds);
        return result;
    }

    /// <summary>Last, best and best-smoothed of one curve in step order; null when it has no finite value.</summary>
    public static MetricSummary? Summarize(IReadOnlyList<double> values, string metric, SmoothingOptions smoothing)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return null;
        }

        var lower = ComparisonMetrics.LowerIsBetter(metric);
        var smoothed = Smoothing.Apply(values, smoothing).Where(double.IsFinite).ToList();
        return new MetricSummary(
            finite[^1],
            lower ? finite.Min() : finite.Max(),
            lower ? smoothed.Min() : smoothed.Max());
    }

    public async Task<ComparisonChartData> LoadChartAsync(SeriesQuery query, IReadOnlyList<ComparisonRunRow> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(runs);
        var clock = Stopwatch.StartNew();
        var rows = runs.ToDictionary(r => r.Id);
        var ids = query.RunIds.Where(rows.ContainsKey).Distinct().ToList();
        var values = await LoadCurvesAsync(ids, rows, query.Metric, cancellationToken);
        var axisMetric = AxisMetric(query.Axis);
        var axis = axisMetric is null ? null : await LoadCurvesAsync(ids, rows, axisMetric, cancellationToken);

        var curves = new List<(ComparisonRunRow Run, XYSeries Raw, XYSeries Smoothed)>();
        var missing = new List<int>();
        foreach (var id in ids)
        {
            var raw = values.TryGetValue(id, out var curve) ? OnAxis(curve, query.Axis, axis?.GetValueOrDefault(id), rows[id]) : null;
            if (raw is null || raw.Count <= query.SkipFirst)
            {
                missing.Add(id);
                continue;
            }

            if (query.SkipFirst > 0)
            {
                raw = new XYSeries(raw.X[query.SkipFirst..], raw.Y[query.SkipFirst..]);
            }

            curves.Add((rows[id], raw, new XYSeries(raw.X, Smoothing.Apply(raw.Y, query.Smoothing))));
        }

        var traces = string.IsNullOrWhiteSpace(query.GroupBy) ? PerRun(curves) : PerGroup(curves, query.GroupBy, query.Band);
        var data = new ComparisonChartData(query, traces, missing);
        LogChartLoaded(logger, query.Metric, ids.Count, data.PointCount, clock.ElapsedMilliseconds);
        return data;
    }

    public async Task SetTagsAsync(int runId, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var text = RunTags.Format(tags);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await context.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Tags, text), cancellationToken);
        if (updated == 0)
        {
            throw new InvalidOperationException($"Run {runId} does not exist.");
        }
    }

    private static string? AxisMetric(SeriesAxis axis) => axis switch
    {
        SeriesAxis.TokensSeen => MetricNames.TrainTokensSeen,
        SeriesAxis.RealExamplesSeen or SeriesAxis.SyntheticExamplesSeen => MetricNames.TrainExamplesSeen,
        SeriesAxis.Epoch => MetricNames.TrainEpoch,
        _ => null,
    };

    private static List<ChartTrace> PerRun(List<(ComparisonRunRow Run, XYSeries Raw, XYSeries Smoothed)> curves)
    {
        var raw = curves.Select(c => Trace(c.Run, ChartTraceKind.Raw, c.Raw));
        var smoothed = curves.Select(c => Trace(c.Run, ChartTraceKind.Smoothed, c.Smoothed));
        return [.. raw, .. smoothed];
    }

    private static ChartTrace Trace(ComparisonRunRow run, ChartTraceKind kind, XYSeries series) => new(
        run.Label, run.Id.ToString(CultureInfo.InvariantCulture), RunColors.ForRun(run.Id), kind, [run.Id], series.X, series.Y);

    private static List<ChartTrace> PerGroup(List<(ComparisonRunRow Run, XYSeries Raw, XYSeries Smoothed)> curves, string field, BandKind band)
    {
        var groups = curves
            .GroupBy(c => c.Run.Fields.GetValueOrDefault(field) ?? string.Empty, StringComparer.Ordinal)
            .OrderBy(g => double.TryParse(g.Key, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.PositiveInfinity)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var raw = new List<ChartTrace>();
        var means = new List<ChartTrace>();
        foreach (var (group, index) in groups.Select((g, i) => (g, i)))
        {
            var members = group.ToList();
            var name = $"{field} = {(group.Key.Length == 0 ? "(none)" : group.Key)} (n={members.Count})";
            var color = RunColors.ForGroup(index);
            var runIds = members.Select(m => m.Run.Id).ToList();
            var rawMean = Aggregation.Aggregate(members.Select(m => m.Raw).ToList(), BandKind.None);
            var mean = Aggregation.Aggregate(members.Select(m => m.Smoothed).ToList(), band);
            raw.Add(new ChartTrace(name, group.Key, color, ChartTraceKind.GroupRawMean, runIds, rawMean.X, rawMean.Mean));
            means.Add(new ChartTrace(
                name, group.Key, color, ChartTraceKind.GroupMean, runIds, mean.X, mean.Mean,
                band == BandKind.None ? null : mean.Lower, band == BandKind.None ? null : mean.Upper));
        }

        return [.. raw, .. means];
    }

    /// <summary>A run's curve on the chosen x axis; null when the axis was not recorded for it.</summary>
    private static XYSeries? OnAxis(StoredCurve curve, SeriesAxis axis, StoredCurve? axisCurve, ComparisonRunRow run)
    {
        switch (axis)
        {
            case SeriesAxis.Step:
                return new XYSeries([.. curve.Steps.Select(s => (double)s)], [.. curve.Values]);
            case SeriesAxis.WallTime:
                var times = curve.Timestamps.Select(t => (DateTimeOffset)TimestampConverter.ConvertFromProvider(t)!).ToList();
                var start = run.StartedAt ?? times.Min();
                return Ascending([.. times.Select(t => (t - start).TotalSeconds)], [.. curve.Values]);
            default:
                if (axisCurve is null || axisCurve.Steps.Count == 0)
                {
                    return null;
                }

                var scale = axis switch
                {
                    SeriesAxis.RealExamplesSeen => run.RealFraction,
                    SeriesAxis.SyntheticExamplesSeen => 1 - run.RealFraction,
                    _ => 1.0,
                };
                var stepAxis = new XYSeries([.. axisCurve.Steps.Select(s => (double)s)], [.. axisCurve.Values]);
                var x = Aggregation.Interpolate(stepAxis, curve.Steps.Select(s => (double)s).ToList());
                var keep = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i])).ToList();
                return Ascending([.. keep.Select(i => x[i] * scale)], [.. keep.Select(i => curve.Values[i])]);
        }
    }

    // Wall time can step back after a clock change and an axis can repeat; charts and aggregation need x ascending.
    private static XYSeries Ascending(double[] x, double[] y)
    {
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] < x[i - 1])
            {
                var order = Enumerable.Range(0, x.Length).OrderBy(j => x[j]).ToArray();
                return new XYSeries([.. order.Select(j => x[j])], [.. order.Select(j => y[j])]);
            }
        }

        return new XYSeries(x, y);
    }

    // Plain ADO.NET rather than EF materialisation: a chart of 20 runs reads ~100,000 rows and this is the hot path.
    private async Task<Dictionary<int, StoredCurve>> LoadCurvesAsync(
        IReadOnlyList<int> requested, Dictionary<int, ComparisonRunRow> rows, string metric, CancellationToken cancellationToken)
    {
        var curves = new Dictionary<int, StoredCurve>();
        var runIds = new List<int>();
        foreach (var id in requested)
        {
            if (rows[id].Status == RunStatus.Completed && this.curves.TryGetValue((id, metric, rows[id].LastStep), out var cached))
            {
                curves[id] = cached;
            }
            else
            {
                runIds.Add(id);
            }
        }

        if (runIds.Count == 0)
        {
            return curves;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var command = context.Database.GetDbConnection().CreateCommand();
        var ids = string.Join(',', runIds.Select((_, i) => "@r" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"SELECT \"RunId\", \"Step\", \"Value\", \"Timestamp\" FROM \"MetricPoints\" WHERE \"Name\" = @name AND \"RunId\" IN ({ids}) ORDER BY \"RunId\", \"Step\"";
        AddParameter(command, "@name").Value = metric;
        for (var i = 0; i < runIds.Count; i++)
        {
            AddParameter(command, "@r" + i.ToString(CultureInfo.InvariantCulture)).Value = runIds[i];
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        StoredCurve? curve = null;
        var curveRun = -1;
        while (await reader.ReadAsync(cancellationToken))
        {
            var runId = reader.GetInt32(0);
            if (runId != curveRun)
            {
                curveRun = runId;
                curves[runId] = curve = new StoredCurve();
            }

            curve!.Steps.Add(reader.GetInt32(1));
            curve.Values.Add(reader.GetDouble(2));
            curve.Timestamps.Add(reader.GetInt64(3));
        }

        foreach (var id in runIds.Where(id => rows[id].Status == RunStatus.Completed && curves.ContainsKey(id)))
        {
            Remember((id, metric, rows[id].LastStep), curves[id]);
        }

        return curves;
    }

    // Bounded by points, not entries: a long run's curve weighs as much as many short ones.
    private void Remember((int RunId, string Metric, int LastStep) key, StoredCurve curve)
    {
        lock (curves)
        {
            if (cachedPoints + curve.Steps.Count > CurveCacheCapacity)
            {
                curves.Clear();
                cachedPoints = 0;
            }

            if (curves.TryAdd(key, curve))
            {
                cachedPoints += curve.Steps.Count;
            }
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private sealed class StoredCurve
    {
        public List<int> Steps { get; } = [];
        public List<double> Values { get; } = [];
        /// <summary>As stored: <see cref="DateTimeOffsetToBinaryConverter"/>'s encoding, decoded only for the wall-time axis.</summary>
        public List<long> Timestamps { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Summarised {Points} points of {Runs} runs × {Metrics} metrics in {Milliseconds} ms")]
    private static partial void LogSummarized(ILogger logger, long points, int runs, int metrics, long milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {Metric} of {Runs} runs ({Points} points incl. smoothed) in {Milliseconds} ms")]
    private static partial void LogChartLoaded(ILogger logger, string metric, int runs, int points, long milliseconds);
}
