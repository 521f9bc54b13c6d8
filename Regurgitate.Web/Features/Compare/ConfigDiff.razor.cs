using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Features.Compare;

/// <summary>The selected runs' flattened configurations side by side, by default only the fields that differ.</summary>
public partial class ConfigDiff
{
    private bool differencesOnly = true;
    private List<string> allFields = [];

    /// <summary>The selected runs, in column order.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ComparisonRunRow> Runs { get; set; } = [];

    /// <summary>The fields shown: all of them, or only those whose value differs between the runs (a missing field differs).</summary>
    public IReadOnlyList<string> Rows { get; private set; } = [];

    protected override void OnParametersSet()
    {
        allFields = [.. Runs.SelectMany(r => r.Fields.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
        Refresh();
    }

    private void OnDifferencesOnlyChanged(bool value)
    {
        differencesOnly = value;
        Refresh();
    }

    private void Refresh() => Rows = differencesOnly
        ? allFields.Where(f => Runs.Select(r => r.Fields.GetValueOrDefault(f)).Distinct(StringComparer.Ordinal).Skip(1).Any()).ToList()
        : allFields;
}
