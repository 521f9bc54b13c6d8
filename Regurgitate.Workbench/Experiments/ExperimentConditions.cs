using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>The data conditions of an experiment in one stable order, which every page colours them by.</summary>
public static class ExperimentConditions
{
    /// <summary>
    /// The spec's grid order (stable from the first run on), then any condition only the rows know; without a valid
    /// spec, the rows' conditions with "real" first and the rest by name.
    /// </summary>
    public static IReadOnlyList<string> InGridOrder(ExperimentDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var fromRows = detail.Runs.Where(r => r.Role == RunRole.Grid && r.Condition is not null).Select(r => r.Condition!).Distinct()
            .OrderBy(c => c == ExperimentGrid.RealCondition ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal);
        if (detail.Spec is { } spec && ExperimentSpecValidator.Validate(spec).Count == 0)
        {
            return [.. ExperimentGrid.Expand(spec).Runs.Select(r => r.Condition).Distinct().Concat(fromRows).Distinct()];
        }

        return [.. fromRows];
    }
}
