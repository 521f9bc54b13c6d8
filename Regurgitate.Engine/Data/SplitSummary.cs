using System.Globalization;
using System.Text.Json;

namespace Regurgitate.Engine.Data;

/// <summary>
/// How a run's data were split, for the run's folder (<c>split.json</c>) and its progress messages: the method, the
/// pairs and (for document splits) the documents on each side, and what the leakage guard dropped.
/// </summary>
public static class SplitSummary
{
    public const string FileName = "split.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>One sentence for the run's progress log.</summary>
    public static string Describe(SplitReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Method switch
        {
            SplitMethod.Documents => string.Create(
                CultureInfo.InvariantCulture,
                $"Split by whole documents: test {report.TestDocuments:N0}, dev {report.DevDocuments:N0} and train {report.TrainDocuments:N0} documents; no test segment shares a document with training."),
            SplitMethod.OfficialFiles => "Split by the corpus's official train, dev and test files: no document crosses them.",
            _ => "Split by segment: the corpus has no document ids, so segments of one document may lie in test and in training.",
        };
    }

    public static string ToJson(DataSplits splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var report = splits.Report;
        return JsonSerializer.Serialize(
            new
            {
                report.Request.CorpusId,
                report.Request.Seed,
                Method = report.Method.ToString(),
                TrainPairs = splits.Train.Count,
                DevPairs = splits.Dev.Count,
                TestPairs = splits.Test.Count,
                TestReferencesAvailable = splits.TestSecondReferences is null ? 1 : 2,
                report.TrainDocuments,
                report.DevDocuments,
                report.TestDocuments,
                report.TrainAvailable,
                report.DevAvailable,
                report.TestAvailable,
                report.DevDroppedOverlappingTest,
                report.TrainDroppedLeakage,
                report.TargetOverlapsDropped,
                report.Notes,
            },
            Json);
    }
}
