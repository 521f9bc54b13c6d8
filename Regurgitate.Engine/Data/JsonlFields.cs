namespace Regurgitate.Engine.Data;

/// <summary>
/// Which JSON fields of a JSON Lines corpus hold the two sides. Each line is an object with the fields at the top
/// level (<c>{"de": "...", "en": "..."}</c>) or inside <see cref="Container"/>, as Hugging Face translation datasets
/// write them (<c>{"translation": {"de": "...", "en": "..."}}</c>).
/// </summary>
public sealed record JsonlFields
{
    public static JsonlFields Default { get; } = new();

    /// <summary>Field holding the German source.</summary>
    public string Source { get; init; } = "de";

    /// <summary>Field holding the English target.</summary>
    public string Target { get; init; } = "en";

    /// <summary>Object field that may hold both sides instead of the top level; null to accept only the top level.</summary>
    public string? Container { get; init; } = "translation";
}
