using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// An experiment's status. An experiment that only groups single runs has none of its own, and one whose spec
/// finished can have runs retried: while any of its runs trains it reads "Running", never "No status".
/// </summary>
public partial class ExperimentStatusChip
{
    /// <summary>Null for experiments that only group single runs (no spec, no status).</summary>
    [Parameter]
    public ExperimentStatus? Status { get; set; }

    [Parameter]
    public int RunsRunning { get; set; }

    [Parameter]
    public int RunsQueued { get; set; }

    private ExperimentStatus? Shown => RunsRunning > 0 && Status is not ExperimentStatus.Preparing ? ExperimentStatus.Running : Status;

    private string Text => Shown?.ToString() ?? (RunsQueued > 0 ? "Queued" : "No status");

    private static Color ColorOf(ExperimentStatus? status) => status switch
    {
        ExperimentStatus.Preparing or ExperimentStatus.Running => Color.Info,
        ExperimentStatus.Finished => Color.Success,
        ExperimentStatus.Stopped => Color.Warning,
        _ => Color.Default,
    };
}
