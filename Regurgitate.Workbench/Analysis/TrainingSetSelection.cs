using System.Globalization;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// Which runs of an experiment an analysis of training sets compares: the completed grid runs (with a test BLEU) at
/// one training size, so that every point stands for a set of the same requested size. The default size is the largest
/// at which every condition has a completed run; while no size has all of them (an experiment still running), the
/// largest size with any completed run.
/// </summary>
/// <param name="Conditions">Every condition of the experiment, in grid order.</param>
/// <param name="Sizes">Sizes with at least one completed grid run, ascending: the sizes one may choose.</param>
/// <param name="DefaultCoversEveryCondition">Whether <paramref name="DefaultSize"/> has a completed run of every condition.</param>
/// <param name="Size">The chosen size (the default unless another was asked for); null when no grid run has completed.</param>
/// <param name="Runs">The completed grid runs at <paramref name="Size"/>, by condition (grid order), seed and id.</param>
/// <param name="MissingConditions">Conditions without a completed run at <paramref name="Size"/>.</param>
public sealed record TrainingSetSelection(
    int ExperimentId,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<int> Sizes,
    int? DefaultSize,
    bool DefaultCoversEveryCondition,
    int? Size,
    IReadOnlyList<ExperimentRunRow> Runs,
    IReadOnlyList<string> MissingConditions)
{
    /// <exception cref="ArgumentException"><paramref name="size"/> is not a size with a completed grid run.</exception>
    public static TrainingSetSelection Of(ExperimentDetail experiment, int? size)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var conditions = ExperimentConditions.InGridOrder(experiment);
        var completed = experiment.Runs
            .Where(r => r.Role == RunRole.Grid && r.Status == RunStatus.Completed && r.TestBleu is not null && r.Condition is not null)
            .ToList();
        IReadOnlyList<int> sizes = [.. completed.Select(r => r.TrainSize).Distinct().Order()];
        var full = sizes.Where(s => conditions.All(c => completed.Any(r => r.TrainSize == s && r.Condition == c))).ToList();
        int? defaultSize = full.Count > 0 ? full[^1] : sizes.Count > 0 ? sizes[^1] : null;
        if (size is { } asked && !sizes.Contains(asked))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Experiment {experiment.Id} has no completed grid run of size {asked:N0}")
                + (sizes.Count == 0 ? "." : $"; choose one of {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))}."),
                nameof(size));
        }

        var chosen = size ?? defaultSize;
        var order = conditions.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        IReadOnlyList<ExperimentRunRow> runs = [.. completed.Where(r => r.TrainSize == chosen)
            .OrderBy(r => order.GetValueOrDefault(r.Condition!, int.MaxValue)).ThenBy(r => r.Condition, StringComparer.Ordinal)
            .ThenBy(r => r.Seed).ThenBy(r => r.RunId)];
        return new TrainingSetSelection(
            experiment.Id,
            conditions,
            sizes,
            defaultSize,
            full.Count > 0,
            chosen,
            runs,
            chosen is null ? [] : [.. conditions.Where(c => runs.All(r => r.Condition != c))]);
    }

    /// <summary>Cache key part: the size and the runs (a run completed later changes the selection, and so the key).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{ExperimentId}|{Size}|{string.Join(',', Runs.Select(r => r.RunId).Order())}");
}
