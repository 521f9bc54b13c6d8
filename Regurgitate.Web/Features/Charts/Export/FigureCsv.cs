using System.Globalization;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Charts.Export;

/// <summary>
/// The data of a figure as CSV, one line per point: <c>series,x,y</c>, plus <c>lower,upper</c> when a series has a
/// band, then one column per <see cref="FigureColumn"/> any series carries (empty where a series or point has no
/// value). Faint raw curves are named "name (raw)". Numbers round-trip exactly (invariant culture).
/// </summary>
public static class FigureCsv
{
    public static string Build(FigureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var banded = spec.Series.Any(s => s.HasBand);
        var columns = spec.Series.SelectMany(s => s.Columns).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        List<string> header = banded ? ["series", "x", "y", "lower", "upper"] : ["series", "x", "y"];
        header.AddRange(columns);
        var rows = new List<IEnumerable<string>> { header };
        foreach (var s in spec.Series)
        {
            var name = s.Faint ? $"{s.Name} (raw)" : s.Name;
            for (var i = 0; i < s.Count; i++)
            {
                var row = new List<string> { name, Cell(s.X[i]), Cell(s.Y[i]) };
                if (banded)
                {
                    row.Add(s.Lower is { } lower && i < lower.Count ? Cell(lower[i]) : string.Empty);
                    row.Add(s.Upper is { } upper && i < upper.Count ? Cell(upper[i]) : string.Empty);
                }

                foreach (var column in columns)
                {
                    row.Add(s.Columns.FirstOrDefault(c => c.Name == column) is { } values && i < values.Values.Count ? Cell(values.Values[i]) : string.Empty);
                }

                rows.Add(row);
            }
        }

        return CsvFile.ToText(rows);
    }

    private static string Cell(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
