namespace Regurgitate.Workbench.Comparison;

/// <summary>The stored form of a run's tags: trimmed, case-insensitively distinct, comma-separated.</summary>
public static class RunTags
{
    public const int MaxLength = 500;

    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The column value for <paramref name="tags"/>, or null when there are none.</summary>
    /// <exception cref="ArgumentException">The tags are longer than the column allows.</exception>
    public static string? Format(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var text = string.Join(',', Parse(string.Join(',', tags)));
        if (text.Length > MaxLength)
        {
            throw new ArgumentException($"Tags may take at most {MaxLength} characters.", nameof(tags));
        }

        return text.Length == 0 ? null : text;
    }
}
