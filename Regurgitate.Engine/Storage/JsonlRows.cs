using System.Text.Json;

namespace Regurgitate.Engine.Storage;

/// <summary>
/// Reads an append-only JSON-lines journal: one object per line. A last line without its newline was cut short by a
/// crash while being written (so never reported) and is left out, its start returned so the caller can truncate it;
/// any other unreadable line, or one <paramref name="isCurrentFormat"/> rejects, is an error naming its line number.
/// </summary>
internal static class JsonlRows
{
    /// <summary>The whole file as it is now, read beside a process that may be appending to it; null when there is none.</summary>
    public static byte[]? ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static (List<T> Rows, long ValidLength) Parse<T>(byte[] bytes, string path, JsonSerializerOptions json, Func<T, bool> isCurrentFormat)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var rows = new List<T>();
        var start = 0;
        var lineNumber = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            lineNumber++;
            if (end < 0)
            {
                return (rows, start);
            }

            ReadOnlySpan<byte> line = bytes.AsSpan(start, end - start);
            if (!IsBlank(line))
            {
                T? row;
                try
                {
                    row = JsonSerializer.Deserialize<T>(line, json);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{path}: line {lineNumber} is not a journal row ({ex.Message}).", ex);
                }

                if (row is null || !isCurrentFormat(row))
                {
                    throw new InvalidDataException($"{path}: line {lineNumber} has an unknown journal format.");
                }

                rows.Add(row);
            }

            start = end + 1;
        }

        return (rows, start);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
