namespace Regurgitate.Engine.Generation;

/// <summary>
/// The rule for ids given to new synthetic datasets (e.g. <c>llm/gpt-4o-t0.7</c>): parts of ASCII letters, digits,
/// '-', '_' and '.' separated by '/'. The id becomes a folder path under the datasets directory, so anything that
/// could leave it or mean something else to a file system (<c>..</c>, a leading '/', '\', ':', control characters) is refused.
/// </summary>
public static class DatasetId
{
    public const int MaxLength = 200;

    /// <summary>What is wrong with the id, or null when it may name a new dataset.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "the dataset id is empty.";
        }

        if (id.Length > MaxLength)
        {
            return $"the dataset id is {id.Length} characters long; at most {MaxLength} are allowed.";
        }

        if (id.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '/')) is var bad && bad != default)
        {
            return $"'{Printable(id)}' contains '{Printable(bad.ToString())}'; use ASCII letters, digits, '-', '_' and '.', with '/' between parts.";
        }

        var parts = id.Split('/');
        if (parts.Any(p => p.Length == 0))
        {
            return $"'{id}' has an empty part (a leading, trailing or doubled '/').";
        }

        return parts.FirstOrDefault(p => p.StartsWith('.')) is { } dotted
            ? $"'{id}' has a part starting with '.' ('{dotted}'); '.' and '..' would address other folders."
            : null;
    }

    /// <summary>Control characters shown as \uXXXX so that an error message cannot rewrite the terminal.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
