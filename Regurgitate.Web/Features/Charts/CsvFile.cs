using System.Text;

namespace Regurgitate.Web.Features.Charts;

/// <summary>RFC 4180 CSV text (CRLF lines, cells quoted only when needed) and the data URL that downloads it without script.</summary>
public static class CsvFile
{
    /// <summary>Appends one line of cells.</summary>
    public static StringBuilder AppendRow(StringBuilder sb, IEnumerable<string> cells)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(cells);
        return sb.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
    }

    /// <summary>The cell as is, or in double quotes (inner quotes doubled) when it holds a comma, quote or line break.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A link target that downloads the text as a UTF-8 CSV file, no script needed.</summary>
    public static string DataUrl(string csv) => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(csv);
}
