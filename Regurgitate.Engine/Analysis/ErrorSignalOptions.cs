namespace Regurgitate.Engine.Analysis;

/// <summary>Thresholds that turn <see cref="ErrorSignals"/>' measurements into flags.</summary>
public sealed record ErrorSignalOptions
{
    /// <summary>Untranslated when at least this share of target tokens is copied source text (and the target has ≥ <see cref="MinTokensForShares"/> tokens).</summary>
    public double CopiedShareThreshold { get; init; } = 0.5;

    /// <summary>…or when at least this share is copied counting capitalised tokens (a German sentence copied whole, nouns included).</summary>
    public double CopiedShareWithNamesThreshold { get; init; } = 0.8;

    /// <summary>
    /// Character-length ratio bounds (target/source). English renderings of German run at about 0.9–1.1 of the
    /// source's characters; below 0.5 is an omission suspect, above 2.0 an addition suspect.
    /// </summary>
    public double MinLengthRatio { get; init; } = 0.5;

    public double MaxLengthRatio { get; init; } = 2.0;

    /// <summary>Sources shorter than this many characters are not judged by length ratio (a one-word heading can legitimately double).</summary>
    public int MinSourceCharsForLength { get; init; } = 20;

    /// <summary>Loop when some token 3-gram occurs at least this often and more often than in the source…</summary>
    public int LoopTrigramRepeats { get; init; } = 3;

    /// <summary>…or the same token repeats back to back at least this often.</summary>
    public int LoopTokenRun { get; init; } = 4;

    /// <summary>Non-English when at least this share of target tokens look German.</summary>
    public double GermanShareThreshold { get; init; } = 0.25;

    /// <summary>Share-based flags (copied, German) need this many target tokens, so "Berlin." is not "untranslated".</summary>
    public int MinTokensForShares { get; init; } = 3;
}
