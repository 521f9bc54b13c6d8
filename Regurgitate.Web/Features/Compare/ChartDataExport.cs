using System.Globalization;
using System.Text.Json;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The full-resolution data behind a comparison chart as files: long CSV (one row per point), wide CSV (one row per
/// x, one column per line) and JSON. Raw and smoothed values are both in every file, told apart by the kind; numbers
/// use the invariant culture and round-trip exactly; a missing value is an empty cell (CSV) or null (JSON).
/// </summary>
public static class ChartDataExport
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Columns <c>series,kind,runs,x,y,lower,upper</c>; <c>runs</c> is the space-separated run ids.</summary>
    public static string LongCsv(ComparisonChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<IEnumerable<string>> rows = [["series", "kind", "runs", "x", "y", "lower", "upper"]];
        foreach (var trace in data.Traces)
        {
            var runs = string.Join(' ', trace.RunIds.Select(r => r.ToString(CultureInfo.InvariantCulture)));
            for (var i = 0; i < trace.X.Length; i++)
            {
                rows.Add([trace.Name, KindName(trace.Kind), runs, Cell(trace.X[i]), Cell(trace.Y[i]), Cell(trace.Lower?[i]), Cell(trace.Upper?[i])]);
            }
        }

        return CsvFile.ToText(rows);
    }

    /// <summary>
    /// One row per x value of any line (ascending), then a column per line named <c>series [kind]</c>, plus
    /// <c>… lower</c>/<c>… upper</c> columns for lines with a band.
    /// </summary>
    public static string WideCsv(ComparisonChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var xs = data.Traces.SelectMany(t => t.X).Distinct().Order().ToList();
        var header = new List<string> { "x" };
        var columns = new List<Dictionary<double, double>>();
        foreach (var trace in data.Traces)
        {
            var title = $"{trace.Name} [{KindName(trace.Kind)}]";
            header.Add(title);
            columns.Add(ByX(trace.X, trace.Y));
            if (trace.Lower is not null && trace.Upper is not null)
            {
                header.Add(title + " lower");
                columns.Add(ByX(trace.X, trace.Lower));
                header.Add(title + " upper");
                columns.Add(ByX(trace.X, trace.Upper));
            }
        }

        var rows = new List<IEnumerable<string>> { header };
        foreach (var x in xs)
        {
            rows.Add([Cell(x), .. columns.Select(c => c.TryGetValue(x, out var y) ? Cell(y) : string.Empty)]);
        }

        return CsvFile.ToText(rows);
    }

    /// <summary>The query (metric, axis, smoothing with its formula, grouping, band, skip) and every line.</summary>
    public static string Json(ComparisonChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var query = data.Query;
        var document = new
        {
            metric = query.Metric,
            axis = ChartStateUrl.AxisName(query.Axis),
            smoothing = new { kind = ChartStateUrl.SmoothingName(query.Smoothing.Kind), parameter = query.Smoothing.Parameter, description = query.Smoothing.Describe() },
            skipFirst = query.SkipFirst,
            groupBy = query.GroupBy,
            band = query.GroupBy is null ? null : ChartStateUrl.BandName(query.Band),
            missingRuns = data.MissingRuns,
            traces = data.Traces.Select(t => new
            {
                name = t.Name,
                kind = KindName(t.Kind),
                color = t.Color,
                runs = t.RunIds,
                x = Numbers(t.X),
                y = Numbers(t.Y),
                lower = t.Lower is null ? null : Numbers(t.Lower),
                upper = t.Upper is null ? null : Numbers(t.Upper),
            }),
        };
        return JsonSerializer.Serialize(document, JsonOptions);
    }

    /// <summary>
    /// A file name such as <c>runs-3-7-train-loss-vs-step.long.csv</c>: the runs (their ids, or how many when more than
    /// four), the metric and the axis.
    /// </summary>
    public static string FileName(ComparisonChartData data, string suffix)
    {
        ArgumentNullException.ThrowIfNull(data);
        var runs = data.Traces.SelectMany(t => t.RunIds).Distinct().Order().ToList();
        var which = runs.Count is > 0 and <= 4
            ? "runs-" + string.Join('-', runs.Select(r => r.ToString(CultureInfo.InvariantCulture)))
            : runs.Count > 4 ? runs.Count.ToString(CultureInfo.InvariantCulture) + "-runs" : null;
        return $"{FigureFileName.Of(which, data.Query.Metric, "vs", ChartStateUrl.AxisName(data.Query.Axis))}.{suffix}";
    }

    public static string KindName(ChartTraceKind kind) => kind switch
    {
        ChartTraceKind.Raw => "raw",
        ChartTraceKind.Smoothed => "smoothed",
        ChartTraceKind.GroupRawMean => "raw mean",
        _ => "smoothed mean",
    };

    private static Dictionary<double, double> ByX(double[] x, double[] y)
    {
        var map = new Dictionary<double, double>(x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            map[x[i]] = y[i];
        }

        return map;
    }

    private static double?[] Numbers(double[] values) => [.. values.Select(v => double.IsFinite(v) ? v : (double?)null)];

    private static string Cell(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
