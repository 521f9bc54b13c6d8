namespace Regurgitate.Engine.Data;

/// <summary>
/// Whole-file line reading with the corpus readers' validation (strict UTF-8, no NUL bytes, bounded lines, gzip by
/// magic bytes): problems raise <see cref="CorpusFormatException"/> naming the file, line and byte offset, a missing
/// file <see cref="FileNotFoundException"/>. For tools that score plain text files (one segment per line).
/// </summary>
public static class TextLines
{
    public static async Task<IReadOnlyList<string>> ReadAllAsync(string path, CancellationToken cancellationToken = default, int maxLineBytes = 1 << 20)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = new List<string>();
        var reader = Utf8LineReader.Open(path, maxLineBytes);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(reader.Current);
            }
        }

        return lines;
    }
}
