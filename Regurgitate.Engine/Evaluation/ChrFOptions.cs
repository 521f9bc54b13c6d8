namespace Regurgitate.Engine.Evaluation;

/// <summary>Options of <see cref="ChrFMetric"/>; the defaults are sacreBLEU's chrF2. <c>WordOrder = 2</c> gives chrF++.</summary>
public sealed record ChrFOptions
{
    public static ChrFOptions ChrFPlusPlus { get; } = new() { WordOrder = 2 };

    public int CharOrder { get; init; } = 6;

    public int WordOrder { get; init; }

    public int Beta { get; init; } = 2;

    public bool Lowercase { get; init; }

    /// <summary>Keep whitespace inside character n-grams (sacreBLEU's <c>whitespace</c>).</summary>
    public bool Whitespace { get; init; }

    /// <summary>chrF++.py-style epsilon smoothing instead of sacreBLEU's default effective-order averaging.</summary>
    public bool EpsSmoothing { get; init; }
}
