using System.Globalization;

namespace Regurgitate.Engine.Data;

/// <summary>The content checks shared by the plain-pair and TSV readers; applies the <see cref="LinePolicy"/>.</summary>
internal static class PairChecks
{
    /// <returns>Whether the pair is handed to the caller.</returns>
    public static bool Accept(
        string source,
        string target,
        string sourcePath,
        string targetPath,
        long lineNumber,
        CorpusReadOptions options,
        CorpusReadReport report)
    {
        report.LinesRead++;
        var sourceEmpty = string.IsNullOrWhiteSpace(source);
        var targetEmpty = string.IsNullOrWhiteSpace(target);
        if (sourceEmpty || targetEmpty)
        {
            var path = sourceEmpty ? sourcePath : targetPath;
            var side = sourceEmpty && targetEmpty ? "both sides" : sourceEmpty ? "source (German) side" : "target (English) side";
            var detail = $"empty line on the {side}";
            report.EmptyLines++;
            return Apply(options.EmptyLines, CorpusIssueKind.EmptyLine, path, lineNumber, detail, options, report);
        }

        var shorter = Math.Min(source.Length, target.Length);
        var longer = Math.Max(source.Length, target.Length);
        if (longer > options.MaxLengthRatio * shorter)
        {
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"length ratio {(double)longer / shorter:0.#}:1 exceeds {options.MaxLengthRatio:0.#}:1 ({source.Length} vs {target.Length} characters)");
            report.LengthRatioOutliers++;
            return Apply(options.LengthRatioOutliers, CorpusIssueKind.LengthRatioOutlier, sourcePath, lineNumber, detail, options, report);
        }

        report.PairsAccepted++;
        return true;
    }

    private static bool Apply(
        LinePolicy policy,
        CorpusIssueKind kind,
        string path,
        long lineNumber,
        string detail,
        CorpusReadOptions options,
        CorpusReadReport report)
    {
        switch (policy)
        {
            case LinePolicy.Fail:
                throw new CorpusFormatException(path, lineNumber, detail);
            case LinePolicy.Skip:
                if (kind == CorpusIssueKind.EmptyLine)
                {
                    report.EmptyLinesSkipped++;
                }
                else
                {
                    report.LengthRatioOutliersSkipped++;
                }

                report.AddIssue(new CorpusIssue(kind, path, lineNumber, detail + " (skipped)"), options.MaxReportedIssues);
                return false;
            default:
                report.AddIssue(new CorpusIssue(kind, path, lineNumber, detail + " (kept)"), options.MaxReportedIssues);
                report.PairsAccepted++;
                return true;
        }
    }
}
