namespace Regurgitate.Engine.Data;

/// <summary>How the aligned pairs of a corpus are laid out in files.</summary>
public enum ParallelFormat
{
    /// <summary>Two files, German and English, line i of one translating line i of the other.</summary>
    PlainPair,

    /// <summary>One file, <c>source&lt;TAB&gt;target</c> per line.</summary>
    Tsv,

    /// <summary>One file, a JSON object per line (see <see cref="JsonlFields"/>).</summary>
    Jsonl,
}

/// <summary>Recognises a <see cref="ParallelFormat"/> from a file name; a trailing <c>.gz</c> is ignored.</summary>
public static class ParallelFormats
{
    /// <summary>The format, or null when the extension says nothing (the message for that is the caller's).</summary>
    public static ParallelFormat? Detect(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        return Path.GetExtension(name) switch
        {
            ".tsv" or ".tab" => ParallelFormat.Tsv,
            ".jsonl" or ".ndjson" or ".json" => ParallelFormat.Jsonl,
            ".de" or ".en" => ParallelFormat.PlainPair,
            _ => null,
        };
    }

    /// <summary>Language side of a plain-pair file name ("de" or "en"), or null.</summary>
    public static string? PlainSide(string fileName)
    {
        var name = Path.GetFileName(fileName).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        return Path.GetExtension(name) switch
        {
            ".de" => "de",
            ".en" => "en",
            _ => null,
        };
    }
}
