using System.Globalization;

namespace Regurgitate.Engine.Data;

/// <summary>
/// What a reader saw while streaming a corpus. Filled in as the pairs are enumerated (a streaming reader cannot
/// return it), so it is complete only once enumeration has finished. Several reads may share one report.
/// </summary>
public sealed class CorpusReadReport
{
    private readonly List<CorpusIssue> issues = [];
    private readonly List<string> files = [];

    public IReadOnlyList<string> Files => files;

    /// <summary>Aligned lines (pairs) seen, including skipped ones.</summary>
    public long LinesRead { get; internal set; }

    /// <summary>Pairs handed to the caller.</summary>
    public long PairsAccepted { get; internal set; }

    public long EmptyLines { get; internal set; }
    public long EmptyLinesSkipped { get; internal set; }
    public long LengthRatioOutliers { get; internal set; }
    public long LengthRatioOutliersSkipped { get; internal set; }

    /// <summary>Line breaks that were a lone CR (old Mac style); a lone CR inside a segment would shift the alignment.</summary>
    public long LoneCarriageReturns { get; internal set; }

    public int ByteOrderMarksStripped { get; internal set; }

    /// <summary>The first few issues (see <see cref="CorpusReadOptions.MaxReportedIssues"/>).</summary>
    public IReadOnlyList<CorpusIssue> Issues => issues;

    internal void AddFile(string path) => files.Add(path);

    internal void AddIssue(CorpusIssue issue, int maxIssues)
    {
        if (issues.Count < maxIssues)
        {
            issues.Add(issue);
        }
    }

    public override string ToString()
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{PairsAccepted:N0} pairs accepted of {LinesRead:N0} lines; empty lines: {EmptyLines} ({EmptyLinesSkipped} skipped); "
            + $"length-ratio outliers: {LengthRatioOutliers} ({LengthRatioOutliersSkipped} skipped)");
        if (LoneCarriageReturns > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; lone CR line breaks: {LoneCarriageReturns}");
        }

        return text;
    }
}
