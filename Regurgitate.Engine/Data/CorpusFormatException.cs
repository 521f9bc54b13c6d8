namespace Regurgitate.Engine.Data;

/// <summary>
/// A corpus file cannot be used as it is. The message always names the file and, when the problem is tied to one
/// line, the 1-based line number (and byte offset of the uncompressed text, for encoding problems), so that the
/// user can open the file at the right place.
/// </summary>
public sealed class CorpusFormatException : Exception
{
    public CorpusFormatException(string filePath, long? lineNumber, string problem, long? byteOffset = null, Exception? innerException = null)
        : base(Compose(filePath, lineNumber, problem, byteOffset), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    /// <summary>The file at fault (for a line-count mismatch: the shorter file; the message names both).</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, or null when the problem concerns the whole file (e.g. it is empty).</summary>
    public long? LineNumber { get; }

    /// <summary>0-based byte offset into the (decompressed) text, when the problem is a byte sequence.</summary>
    public long? ByteOffset { get; }

    /// <summary>The problem alone, without the location prefix.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, long? lineNumber, string problem, long? byteOffset)
    {
        var location = lineNumber is { } line ? $"'{filePath}', line {line}" : $"'{filePath}'";
        if (byteOffset is { } offset)
        {
            location += $" (byte offset {offset})";
        }

        return $"{location}: {problem}";
    }
}
