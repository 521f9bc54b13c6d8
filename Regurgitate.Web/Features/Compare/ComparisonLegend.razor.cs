using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The comparison chart's legend as page buttons instead of Plotly's legend. Plotly measures every legend label with a
/// forced layout while drawing, which was about a third of the first draw of 20 runs (issue 20); buttons are laid out
/// once with the page, reachable by Tab and pressed with Enter or Space, which Plotly's legend is not.
/// </summary>
public partial class ComparisonLegend
{
    /// <summary>The lines as drawn; one entry per <see cref="ChartTrace.Key"/>, named after its smoothed line.</summary>
    [Parameter]
    public IReadOnlyList<ChartTrace> Traces { get; set; } = [];

    /// <summary>Keys of the lines hidden now.</summary>
    [Parameter]
    public IReadOnlySet<string> Hidden { get; set; } = new HashSet<string>();

    /// <summary>Raised with an entry's key when it is pressed.</summary>
    [Parameter]
    public EventCallback<string> Toggled { get; set; }

    private IReadOnlyList<(string Key, string Name, string Color)> Entries { get; set; } = [];

    protected override void OnParametersSet() => Entries = [.. Traces
        .GroupBy(t => t.Key)
        .Select(g => g.FirstOrDefault(t => !t.IsRaw) ?? g.First())
        .Select(t => (t.Key, t.Name, t.Color))];
}
