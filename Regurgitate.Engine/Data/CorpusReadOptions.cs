namespace Regurgitate.Engine.Data;

/// <summary>Validation settings for the corpus readers. The defaults suit importing a user's file: strict about empties.</summary>
public sealed record CorpusReadOptions
{
    public static CorpusReadOptions Default { get; } = new();

    /// <summary>A line that is empty or whitespace-only on either side.</summary>
    public LinePolicy EmptyLines { get; init; } = LinePolicy.Fail;

    /// <summary>
    /// Pairs whose longer side has more than <see cref="MaxLengthRatio"/> times the characters of the shorter side are
    /// almost always misalignments or placeholders (multi30k train has two German lines reading "@@"), so by default
    /// they are skipped and counted rather than failing the whole file.
    /// </summary>
    public LinePolicy LengthRatioOutliers { get; init; } = LinePolicy.Skip;

    public double MaxLengthRatio { get; init; } = 9.0;

    /// <summary>A longer line is treated as binary or unsplit data; also bounds the memory one line can take.</summary>
    public int MaxLineBytes { get; init; } = 1 << 20;

    /// <summary>How many issues the report keeps as examples (all are counted).</summary>
    public int MaxReportedIssues { get; init; } = 20;
}
