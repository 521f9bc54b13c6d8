namespace Regurgitate.Engine.Tokenization;

/// <summary>A tokenizer file (vocab.json or merges.txt) is malformed or inconsistent with its partner file.</summary>
public sealed class TokenizerFileException : FormatException
{
    public TokenizerFileException(string filePath, int? lineNumber, string problem, Exception? innerException = null)
        : base(Describe(filePath, lineNumber, problem), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    public string FilePath { get; }

    /// <summary>1-based line of the problem, when it can be pinned to one.</summary>
    public int? LineNumber { get; }

    private static string Describe(string filePath, int? lineNumber, string problem) =>
        lineNumber is { } line ? $"{filePath}, line {line}: {problem}" : $"{filePath}: {problem}";
}
