using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Test BLEU against training size, one series per data condition: mean over the seeds that completed, with their
/// sample standard deviation and min–max. Sizes where no seed completed are left out (not drawn as zero).
/// </summary>
public static class LearningCurve
{
    public static IReadOnlyList<LearningCurveSeries> From(IEnumerable<ExperimentRunRow> runs, Func<ExperimentRunRow, double?>? metric = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        metric ??= r => r.TestBleu;
        return
        [
            .. runs
                .Where(r => r.Role == RunRole.Grid && r.Status == RunStatus.Completed && metric(r) is not null)
                .GroupBy(r => r.Condition ?? "")
                .Select(condition => new LearningCurveSeries(
                    condition.Key,
                    [.. condition.GroupBy(r => r.TrainSize).OrderBy(g => g.Key).Select(size => Point(size.Key, [.. size.Select(r => metric(r)!.Value)], [.. size]))]))
                .OrderBy(s => s.Condition == "real" ? 0 : 1)
                .ThenBy(s => s.Condition, StringComparer.Ordinal),
        ];
    }

    private static LearningCurvePoint Point(int size, double[] values, ExperimentRunRow[] runs)
    {
        var mean = values.Average();
        var std = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0.0;
        // Budgets are shown only when every seed recorded one, so a mean never mixes recorded and missing runs.
        var budgeted = runs.All(r => r.TargetTokens is not null);
        return new LearningCurvePoint(
            size, mean, std, values.Min(), values.Max(), values.Length,
            budgeted ? runs.Average(r => (double)r.LastStep) : null,
            budgeted ? runs.Average(r => (double)r.TargetTokens!.Value) : null);
    }
}
