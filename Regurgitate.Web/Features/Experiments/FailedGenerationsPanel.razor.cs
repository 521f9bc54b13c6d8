using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// How many generations failed, per condition and generator, and what the spec's policy did with them, so that a
/// synthetic condition that silently lost its hardest sources (or trained on empty targets) is visible next to its curve.
/// </summary>
public partial class FailedGenerationsPanel
{
    [Parameter, EditorRequired]
    public IReadOnlyList<FailedGenerationRow> Rows { get; set; } = [];

    [Parameter]
    public FailurePolicy Policy { get; set; }

    private string PolicyName => Policy switch
    {
        FailurePolicy.KeepAsEmpty => "keep-as-empty",
        FailurePolicy.ReplaceWithNextSource => "replace-with-next-source",
        _ => "drop-everywhere",
    };

    private string PolicyMeaning => Policy switch
    {
        FailurePolicy.KeepAsEmpty => "a failed source stays in every condition; where the failed generator supplies it, it is trained on with an empty target.",
        FailurePolicy.ReplaceWithNextSource => "a failed source stays in the all-real condition; the failed generator's slot takes the next source it did translate.",
        _ => "a failed source is left out of every condition, the all-real one included, so the synthetic sets lose their failures.",
    };
}
