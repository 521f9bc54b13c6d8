namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Reference-free error signals of one (German source, English target) pair, computed by <see cref="ErrorSignals"/>;
/// the raw measurements are kept next to the flags so thresholds can be changed without recomputing.
/// </summary>
public sealed record PairErrorSignals
{
    /// <summary>The target is missing (failed generation) or whitespace only.</summary>
    public required bool Empty { get; init; }

    /// <summary>Target word tokens.</summary>
    public required int TargetTokens { get; init; }

    /// <summary>Share of target tokens copied from the source (see <see cref="ErrorSignals"/> for what is excluded).</summary>
    public required double CopiedShare { get; init; }

    /// <summary>The same share counting capitalised source tokens kept capitalised (names, but also the nouns of a copied German sentence).</summary>
    public required double CopiedShareWithNames { get; init; }

    /// <summary>Target characters / source characters (trimmed); 0 for an empty target.</summary>
    public required double LengthRatio { get; init; }

    /// <summary>Number of digit groups in one side's multiset that the other lacks (symmetric difference size).</summary>
    public required int NumberMismatches { get; init; }

    /// <summary>Name-like tokens present on one side but not the other (see <see cref="ErrorSignals"/>).</summary>
    public required int NameMismatches { get; init; }

    /// <summary>Highest count of any token 3-gram in the target.</summary>
    public required int MaxTrigramRepeats { get; init; }

    /// <summary>Longest run of the same token repeated back to back in the target.</summary>
    public required int LongestTokenRun { get; init; }

    /// <summary>Share of target tokens that are German function words or contain ä/ö/ü/ß.</summary>
    public required double GermanShare { get; init; }

    public required bool Untranslated { get; init; }
    public required bool Omission { get; init; }
    public required bool Addition { get; init; }
    public required bool NumberMismatch { get; init; }
    public required bool NameMismatch { get; init; }
    public required bool Loop { get; init; }
    public required bool NonEnglish { get; init; }

    /// <summary>Any of the flags above (including <see cref="Empty"/>).</summary>
    public bool Any => Empty || Untranslated || Omission || Addition || NumberMismatch || NameMismatch || Loop || NonEnglish;
}
