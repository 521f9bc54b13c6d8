using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Reads a run's <c>metrics.csv</c> (<see cref="ArchiveFormat.MetricsHeader"/>, then one point per line) one line at a
/// time, so millions of points never sit in memory: the import reads the file once to check it and once to insert it.
/// </summary>
internal static class ArchiveMetricsReader
{
    private const string Expected = "expected step,name,value,timestamp (integer, name of 1–64 characters, number, ISO 8601 time)";

    /// <exception cref="ExperimentArchiveException">A line is not a point; the message names the entry and the line.</exception>
    public static async IAsyncEnumerable<ArchiveMetricPoint> ReadAsync(string file, string entryName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        if (await ReadLineAsync(reader, entryName, 1, cancellationToken).ConfigureAwait(false) != ArchiveFormat.MetricsHeader)
        {
            throw new ExperimentArchiveException($"Entry '{entryName}', line 1: expected the header '{ArchiveFormat.MetricsHeader}'.");
        }

        // Names repeat (a handful of curves): one string each, looked up without allocating one per line.
        var names = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var lineNumber = 1;
        while (await ReadLineAsync(reader, entryName, lineNumber + 1, cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length > 0)
            {
                yield return Parse(line, names) ?? throw new ExperimentArchiveException($"Entry '{entryName}', line {lineNumber}: {Expected}.");
            }
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, string entryName, int lineNumber, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ExperimentArchiveException($"Entry '{entryName}', line {lineNumber}: invalid UTF-8.", ex);
        }
    }

    private static ArchiveMetricPoint? Parse(string line, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> names)
    {
        ReadOnlySpan<char> step, name, value, timestamp;
        if (line.Contains('"', StringComparison.Ordinal))
        {
            // A quoted name (the writer quotes names with commas or quotes): rare, so the slow path may allocate.
            if (SplitQuoted(line) is not [var s, var n, var v, var t])
            {
                return null;
            }

            step = s;
            name = n;
            value = v;
            timestamp = t;
        }
        else
        {
            var all = line.AsSpan();
            var first = all.IndexOf(',');
            var second = first < 0 ? -1 : all[(first + 1)..].IndexOf(',') + first + 1;
            var third = second <= first ? -1 : all[(second + 1)..].IndexOf(',') + second + 1;
            if (first < 0 || second <= first || third <= second || all[(third + 1)..].Contains(','))
            {
                return null;
            }

            step = all[..first];
            name = all[(first + 1)..second];
            value = all[(second + 1)..third];
            timestamp = all[(third + 1)..];
        }

        if (!int.TryParse(step, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stepNumber)
            || name.Length is 0 or > 64
            || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !DateTimeOffset.TryParseExact(timestamp, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        if (!names.TryGetValue(name, out var shared))
        {
            shared = name.ToString();
            names[shared] = shared;
        }

        return new ArchiveMetricPoint(stepNumber, shared, number, time);
    }

    private static List<string>? SplitQuoted(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
