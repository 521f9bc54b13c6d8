namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Which entry names an archive may hold. An allow-list rather than a deny-list: besides '..', absolute paths and
/// backslashes, anything this format does not write (other folders, hidden files, odd characters) is refused.
/// </summary>
public static class ArchiveEntryNames
{
    /// <summary>Null when the name is acceptable; otherwise why not.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 260)
        {
            return "an empty or overlong name";
        }

        if (name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            return "an unsafe path (absolute, drive, backslash or control character)";
        }

        var segments = name.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            return "an unsafe path (empty, '.' or '..' segment: path traversal)";
        }

        if (!segments.All(IsSafeSegment))
        {
            return "a name with characters this format never writes";
        }

        var known = segments switch
        {
            [ArchiveFormat.ManifestEntry] => true,
            ["figures", _] => true,
            ["runs", var index, _] => IsIndex(index),
            ["runs", var index, ArchiveFormat.CheckpointsFolder or ArchiveFormat.TokenizerFolder, _] => IsIndex(index),
            _ => false,
        };
        return known ? null : "a path outside this format's layout (manifest.json, figures/, runs/<n>/)";
    }

    /// <summary>The run index of an entry under <c>runs/&lt;n&gt;/</c>, else null.</summary>
    public static int? RunIndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var segments = name.Split('/');
        return segments.Length >= 3 && segments[0] == "runs" && IsIndex(segments[1])
            ? int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static bool IsIndex(string segment) =>
        segment.Length is > 0 and <= 6 && segment.All(char.IsAsciiDigit) && segment[0] != '0';

    private static bool IsSafeSegment(string segment) =>
        segment[0] != '.' && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
