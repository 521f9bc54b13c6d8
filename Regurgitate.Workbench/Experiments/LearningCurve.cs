using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Test BLEU against training size, one series per data condition: mean over the seeds that completed, with their
/// sample standard deviation and min–max. Sizes where no seed completed are left out (not drawn as zero). In a
/// fine-tuning experiment every series can start at size 0 with the pretrained model's own score on the test set
/// (<c>pretrainedAtSizeZero</c>); charts on a log-scale axis, which cannot place 0, draw
/// <see cref="PretrainedScore"/> as a reference line instead.
/// </summary>
public static class LearningCurve
{
    /// <param name="pretrainedAtSizeZero">Start every series with the fine-tuned model's zero-shot score, when there is one.</param>
    public static IReadOnlyList<LearningCurveSeries> From(IEnumerable<ExperimentRunRow> runs, Func<ExperimentRunRow, double?>? metric = null, bool pretrainedAtSizeZero = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        metric ??= r => r.TestBleu;
        var completed = runs.Where(r => r.Status == RunStatus.Completed && metric(r) is not null).ToList();
        var pretrained = pretrainedAtSizeZero && ZeroShotRun(completed) is { } zeroShot ? new[] { Point(0, [metric(zeroShot)!.Value], [zeroShot]) } : [];
        return
        [
            .. completed
                .Where(r => r.Role == RunRole.Grid)
                .GroupBy(r => r.Condition ?? "")
                .Select(condition => new LearningCurveSeries(
                    condition.Key,
                    [.. pretrained, .. condition.GroupBy(r => r.TrainSize).OrderBy(g => g.Key).Select(size => Point(size.Key, [.. size.Select(r => metric(r)!.Value)], [.. size]))]))
                .OrderBy(s => s.Condition == "real" ? 0 : 1)
                .ThenBy(s => s.Condition, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// The pretrained model's own score on the experiment's test set (its zero-shot run), or null when the experiment
    /// pretrains nothing or that run has not completed.
    /// </summary>
    public static double? PretrainedScore(IEnumerable<ExperimentRunRow> runs, Func<ExperimentRunRow, double?>? metric = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        metric ??= r => r.TestBleu;
        return ZeroShotRun(runs.Where(r => r.Status == RunStatus.Completed && metric(r) is not null)) is { } run ? metric(run) : null;
    }

    private static ExperimentRunRow? ZeroShotRun(IEnumerable<ExperimentRunRow> completed) => completed
        .Where(r => r.Role == RunRole.Pretraining && r.Condition == FineTuning.ZeroShotCondition)
        .OrderByDescending(r => r.RunId)
        .FirstOrDefault();

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
