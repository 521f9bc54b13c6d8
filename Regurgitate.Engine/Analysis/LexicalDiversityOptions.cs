namespace Regurgitate.Engine.Analysis;

/// <summary>Parameters of <see cref="LexicalDiversity"/>; every result carries the options it was computed with.</summary>
public sealed record LexicalDiversityOptions
{
    /// <summary>MATTR window in tokens (Covington &amp; McFall 2010 use 500 for long texts; 50 is the common choice for short segments and the issue's).</summary>
    public int MattrWindow { get; init; } = 50;

    /// <summary>MTLD's type–token-ratio threshold (McCarthy &amp; Jarvis 2010: 0.72).</summary>
    public double MtldThreshold { get; init; } = 0.72;

    /// <summary>HD-D's sample size in tokens (McCarthy &amp; Jarvis 2007/2010: 42).</summary>
    public int HddSampleSize { get; init; } = 42;

    /// <summary>Sentences drawn (seeded) for Self-BLEU; each is scored against all other drawn sentences.</summary>
    public int SelfBleuSampleSize { get; init; } = 1000;

    /// <summary>Seed of the Self-BLEU sample (SplitMix64, same generator as the data splits).</summary>
    public int SelfBleuSeed { get; init; } = 12345;

    /// <summary>Number of evenly spaced points of the Heaps curve (types after k·N/points tokens).</summary>
    public int HeapsPoints { get; init; } = 20;

    /// <summary>Ranks used by the Zipf fit: the N most frequent types (fewer if the text has fewer types).</summary>
    public int ZipfTopRanks { get; init; } = 1000;

    /// <summary>
    /// Optional common token budget: vocabulary size and TTR are also reported as expected over a random sample of
    /// this many tokens (rarefaction), so sides with different token counts compare at equal length.
    /// </summary>
    public int? TokenBudget { get; init; }
}
