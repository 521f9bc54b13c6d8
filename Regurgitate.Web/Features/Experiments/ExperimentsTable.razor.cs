using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

public partial class ExperimentsTable
{
    /// <summary>Null while loading.</summary>
    [Parameter]
    public IReadOnlyList<ExperimentSummary>? Experiments { get; set; }
}
