using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// The data of a chart's traces as CSV, one line per point: <c>series,x,y</c>, plus a <c>label</c> column when a
/// trace labels its points (e.g. the condition of each point of a scatter plot). Numbers use the invariant culture
/// and round-trip exactly. Scatter and bar traces are supported; other trace types are left out.
/// </summary>
public static class ChartCsv
{
    public static string Build(IEnumerable<ITrace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var series = traces.Select(Series).OfType<TraceData>().ToList();
        var labelled = series.Any(s => s.Labels is not null);
        var rows = new List<IEnumerable<string>> { labelled ? ["series", "x", "y", "label"] : ["series", "x", "y"] };
        foreach (var (name, x, y, labels) in series)
        {
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var row = new List<string> { name, Cell(x[i]), Cell(y[i]) };
                if (labelled)
                {
                    row.Add(labels is not null && i < labels.Count ? labels[i] ?? string.Empty : string.Empty);
                }

                rows.Add(row);
            }
        }

        return CsvFile.ToText(rows);
    }

    private static TraceData? Series(ITrace trace) => trace switch
    {
        Scatter s when s.X is not null && s.Y is not null => new(s.Name ?? string.Empty, s.X, s.Y, s.TextArray),
        Bar b when b.X is not null && b.Y is not null => new(b.Name ?? string.Empty, b.X, b.Y, b.TextArray),
        _ => null,
    };

    private sealed record TraceData(string Name, IList<object> X, IList<object> Y, IList<string>? Labels);

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
