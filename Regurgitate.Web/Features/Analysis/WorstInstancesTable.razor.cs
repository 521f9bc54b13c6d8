using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// The lowest-chrF pairs of one set: source, human reference and output, with the words outside their longest common
/// subsequence highlighted (<see cref="WordDiff"/>; all text is rendered as text, never as markup), and the flagged signals.
/// </summary>
public partial class WorstInstancesTable
{
    private IReadOnlyList<(WorstInstance Instance, IReadOnlyList<DiffToken> Reference, IReadOnlyList<DiffToken> Output)> items = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<WorstInstance> Instances { get; set; } = [];

    protected override void OnParametersSet() =>
        items = [.. Instances.Select(i =>
        {
            var (reference, output) = WordDiff.Compare(i.Reference, i.Output);
            return (i, reference, output);
        })];
}
