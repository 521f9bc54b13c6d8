using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Experiments;

public partial class ExperimentStatusChip
{
    /// <summary>Null for experiments that only group single runs (no spec, no status).</summary>
    [Parameter]
    public ExperimentStatus? Status { get; set; }

    private static Color ColorOf(ExperimentStatus? status) => status switch
    {
        ExperimentStatus.Preparing or ExperimentStatus.Running => Color.Info,
        ExperimentStatus.Finished => Color.Success,
        ExperimentStatus.Stopped => Color.Warning,
        _ => Color.Default,
    };
}
