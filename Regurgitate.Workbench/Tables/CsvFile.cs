using CsvHelper;

namespace Regurgitate.Workbench.Tables;

/// <summary>
/// The one way this application writes CSV: RFC 4180 through CsvHelper, cells quoted only when they hold a comma, a
/// quote or a line break (inner quotes doubled). Cells are text the caller formatted (numbers in the invariant
/// culture), so every writer decides its own number format. Cells that start with = + - @ are written as they are:
/// our files carry negative numbers and metric names, and are data for analysis tools rather than spreadsheets of
/// untrusted text, so no formula protection is applied (as before CsvHelper was used).
/// </summary>
public static class CsvFile
{
    /// <summary>RFC 4180 line ending, used by the files the user downloads.</summary>
    public const string CrLf = "\r\n";

    /// <summary>The line ending of the CSV entries of experiment archives, which their readers split on.</summary>
    public const string Lf = "\n";

    /// <summary>The records as CSV text, each ended by <paramref name="newLine"/>.</summary>
    public static string ToText(IEnumerable<IEnumerable<string>> records, string newLine = CrLf)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = OpenWriter(text, newLine))
        {
            foreach (var record in records)
            {
                WriteRecord(writer, record);
            }
        }

        return text.ToString();
    }

    /// <summary>A writer of records onto <paramref name="destination"/>, which stays open when the writer is disposed.</summary>
    public static CsvWriter OpenWriter(TextWriter destination, string newLine = CrLf)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return CsvWriter.Create(destination, Options(newLine), true);
    }

    /// <summary>Writes one record (its cells, then the line ending).</summary>
    public static void WriteRecord(CsvWriter writer, IEnumerable<string> cells)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cells);
        foreach (var cell in cells)
        {
            writer.WriteField(cell);
        }

        writer.EndRecord();
    }

    /// <summary>A link target that downloads the text as a UTF-8 CSV file, no script needed.</summary>
    public static string DataUrl(string csv) => "data:text/csv;charset=utf-8," + Uri.EscapeDataString(csv);

    private static CsvWriterOptions Options(string newLine) => CsvWriterOptions.Default with
    {
        NewLine = newLine,
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
        // Callers' rows are rectangular by construction; a mismatch is not worth failing a download over.
        ValidateFieldCount = false,
    };
}
