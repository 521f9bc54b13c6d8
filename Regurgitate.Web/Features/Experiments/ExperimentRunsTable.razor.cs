using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>An experiment's runs of one kind (grid or generators), in grid order: size, condition, seed.</summary>
public partial class ExperimentRunsTable
{
    [Parameter, EditorRequired]
    public IReadOnlyList<ExperimentRunRow> Runs { get; set; } = [];

    [Parameter]
    public IReadOnlyList<string> ConditionOrder { get; set; } = [];

    /// <summary>Generator runs: the condition column names the generator.</summary>
    [Parameter]
    public bool Generators { get; set; }

    [Parameter]
    public string TestId { get; set; } = "experiment-runs";

    [Parameter]
    public string EmptyText { get; set; } = "No runs yet.";

    private IEnumerable<ExperimentRunRow> Sorted => Generators
        ? Runs.OrderBy(r => r.RunId)
        : Runs.OrderBy(r => r.TrainSize).ThenBy(r => Rank(r.Condition)).ThenBy(r => r.Seed).ThenBy(r => r.RunId);

    private int Rank(string? condition)
    {
        var index = condition is null ? -1 : ConditionOrder.ToList().IndexOf(condition);
        return index < 0 ? int.MaxValue : index;
    }

    private static double Percent(ExperimentRunRow row) => row.Status == RunStatus.Completed
        ? 100
        : StepProgress.Percent(row.LastStep, row.PlannedSteps);

    /// <summary>"240 steps, 41.2k tokens · 996 pairs (4 dropped)"; a dash until the run has planned its training.</summary>
    private static string Budget(ExperimentRunRow row) => row is { TargetTokens: { } tokens, TrainingPairs: { } pairs }
        ? $"{TrainingBudgetText.Format(row.MaxSteps, tokens)} · {pairs.ToString("N0", CultureInfo.InvariantCulture)} pairs ({(row.PairsDropped ?? 0).ToString("N0", CultureInfo.InvariantCulture)} dropped)"
        : "–";
}
