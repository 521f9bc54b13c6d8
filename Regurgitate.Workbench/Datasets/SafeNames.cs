using System.Text;

namespace Regurgitate.Workbench.Datasets;

/// <summary>Names from users made safe for the file system: no folders, no traversal, a small alphabet, bounded length.</summary>
public static class SafeNames
{
    public const int MaxSlugLength = 64;

    /// <summary>Lower-case letters, digits, '.', '-' and '_' only; anything else becomes '-'. Empty when nothing usable is left.</summary>
    public static string Slug(string? name)
    {
        var builder = new StringBuilder();
        foreach (var c in (name ?? string.Empty).Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '.' or '_' or '-')
            {
                builder.Append(c);
            }
            else if (!char.IsAscii(c) && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // Diacritics dropped after decomposition: "Übersetzung" → "ubersetzung".
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-', '.', '_');
        while (slug.Contains("..", StringComparison.Ordinal))
        {
            slug = slug.Replace("..", ".", StringComparison.Ordinal);
        }

        return slug.Length > MaxSlugLength ? slug[..MaxSlugLength].TrimEnd('-', '.', '_') : slug;
    }

    /// <summary>The last path segment of an uploaded file's name (either separator), with unsafe characters replaced; never empty, never "." or "..".</summary>
    public static string FileName(string? name)
    {
        var last = (name ?? string.Empty).Replace('\\', '/').Split('/').LastOrDefault() ?? string.Empty;
        var builder = new StringBuilder();
        foreach (var c in last)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var safe = builder.ToString().TrimStart('.');
        if (safe.Length > 120)
        {
            safe = safe[^120..];
        }

        return safe.Length == 0 ? "upload" : safe;
    }

    /// <summary>The full path of <paramref name="relativePath"/> if it lies inside <paramref name="root"/> (links resolved); else null.</summary>
    public static string? InsideRoot(string root, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || relativePath.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(relativePath, fullRoot);
        if (!full.StartsWith(fullRoot, StringComparison.Ordinal))
        {
            return null;
        }

        var target = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName : null;
        if (target is not null)
        {
            var realRoot = new DirectoryInfo(fullRoot).ResolveLinkTarget(returnFinalTarget: true)?.FullName is { } linkedRoot
                ? Path.TrimEndingDirectorySeparator(linkedRoot) + Path.DirectorySeparatorChar
                : fullRoot;
            if (!target.StartsWith(fullRoot, StringComparison.Ordinal) && !target.StartsWith(realRoot, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return full;
    }
}
