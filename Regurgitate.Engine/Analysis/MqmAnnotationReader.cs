using System.Globalization;
using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Reads the WMT/Google MQM TSV format (e.g. <c>mqm_newstest2020_ende.tsv</c>): a header line naming at least the
/// columns <c>system, doc, doc_id, seg_id, rater, source, target, category, severity</c> (any order, extra columns
/// ignored), then one tab-separated annotation per line, no quoting (the files are read with QUOTE_NONE upstream too;
/// the <c>&lt;v&gt;…&lt;/v&gt;</c> span markers in source/target are kept verbatim). Blank lines are skipped.
/// The text goes through the strict <see cref="Utf8LineReader"/> (gzip recognised, invalid UTF-8 rejected with its
/// line and byte offset). Every problem is a <see cref="CorpusFormatException"/> naming the file, the 1-based line and,
/// for a field, the 1-based column and its name. Severities are matched case-insensitively against Major, Minor,
/// Critical, Neutral and No-error; anything else is an error, never silently dropped.
/// </summary>
public static class MqmAnnotationReader
{
    /// <summary>The columns every file must have.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity"];

    private const int MaxLineBytes = 4 * 1024 * 1024;

    public static async Task<IReadOnlyList<MqmAnnotation>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using var reader = Utf8LineReader.Open(path, MaxLineBytes);
        if (!await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new CorpusFormatException(path, null, "the file is empty (an MQM file starts with a header line)");
        }

        var header = reader.Current.Split('\t');
        var columns = new int[RequiredColumns.Count];
        for (var c = 0; c < RequiredColumns.Count; c++)
        {
            columns[c] = Array.FindIndex(header, h => string.Equals(h.Trim(), RequiredColumns[c], StringComparison.OrdinalIgnoreCase));
            if (columns[c] < 0)
            {
                throw new CorpusFormatException(
                    path,
                    reader.LineNumber,
                    $"the header lacks the column '{RequiredColumns[c]}' (expected tab-separated: {string.Join(", ", RequiredColumns)})");
            }
        }

        var annotations = new List<MqmAnnotation>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = reader.Current;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            annotations.Add(Parse(path, reader.LineNumber, line.Split('\t'), header.Length, columns));
        }

        return annotations;
    }

    private static MqmAnnotation Parse(string path, long lineNumber, string[] fields, int headerFields, int[] columns)
    {
        string Field(int c)
        {
            var index = columns[c];
            if (index >= fields.Length)
            {
                throw new CorpusFormatException(
                    path,
                    lineNumber,
                    $"column {index + 1} ('{RequiredColumns[c]}') is missing: the line has {fields.Length} tab-separated fields, the header {headerFields}");
            }

            return fields[index];
        }

        CorpusFormatException Bad(int c, string problem) =>
            new(path, lineNumber, $"column {columns[c] + 1} ('{RequiredColumns[c]}'): {problem}");

        var segText = Field(3).Trim();
        if (!int.TryParse(segText, NumberStyles.None, CultureInfo.InvariantCulture, out var segment))
        {
            throw Bad(3, $"'{segText}' is not a non-negative integer segment id");
        }

        var severityText = Field(8).Trim();
        var severity = ParseSeverity(severityText) ?? throw Bad(8, $"unknown severity '{severityText}' (expected Major, Minor, Critical, Neutral or No-error)");
        var system = Field(0).Trim();
        if (system.Length == 0)
        {
            throw Bad(0, "the system name is empty");
        }

        return new MqmAnnotation(system, Field(1), Field(2).Trim(), segment, Field(4).Trim(), Field(5), Field(6), Field(7).Trim(), severity, lineNumber);
    }

    /// <summary>The severity named by <paramref name="text"/> (case-insensitive), or null when it is not one of the five.</summary>
    public static MqmSeverity? ParseSeverity(string text) => text.Trim().ToUpperInvariant() switch
    {
        "MAJOR" => MqmSeverity.Major,
        "MINOR" => MqmSeverity.Minor,
        "CRITICAL" => MqmSeverity.Critical,
        "NEUTRAL" => MqmSeverity.Neutral,
        "NO-ERROR" => MqmSeverity.NoError,
        _ => null,
    };
}
