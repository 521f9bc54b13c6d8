namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// Options of <see cref="TerMetric"/>; the defaults are sacreBLEU's (case-insensitive, no normalization, punctuation
/// kept). sacreBLEU's <c>asian_support</c> is not implemented; signatures therefore always say <c>asian:no</c>.
/// </summary>
public sealed record TerOptions
{
    public bool CaseSensitive { get; init; }

    /// <summary>Tercom's Western normalization (entity unescaping, punctuation tokenization).</summary>
    public bool Normalized { get; init; }

    /// <summary>Remove the characters <c>.,?:;!"()</c>.</summary>
    public bool NoPunct { get; init; }
}
