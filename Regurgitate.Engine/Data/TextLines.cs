namespace Regurgitate.Engine.Data;

/// <summary>
/// Whole-file line reading with the corpus readers' validation (strict UTF-8, no NUL bytes, bounded lines, gzip by
/// magic bytes): problems raise <see cref="CorpusFormatException"/> naming the file, line and byte offset, a missing
/// file <see cref="FileNotFoundException"/>. For tools that score plain text files (one segment per line).
/// A UTF-8 byte-order mark is stripped unless <c>keepByteOrderMark</c> asks to keep it as U+FEFF at the start of the
/// first line, as sacreBLEU's command line does (it opens files with Python's "utf-8" codec, not "utf-8-sig").
/// </summary>
public static class TextLines
{
    public static async Task<IReadOnlyList<string>> ReadAllAsync(
        string path,
        CancellationToken cancellationToken = default,
        int maxLineBytes = 1 << 20,
        bool keepByteOrderMark = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = new List<string>();
        var reader = Utf8LineReader.Open(path, maxLineBytes, keepByteOrderMark);
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
