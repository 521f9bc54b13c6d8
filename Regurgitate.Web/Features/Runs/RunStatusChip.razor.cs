using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Runs;

public partial class RunStatusChip
{
    [Parameter, EditorRequired]
    public RunStatus Status { get; set; }

    internal static string ColorClassOf(RunStatus status) => status switch
    {
        RunStatus.Queued => "run-status-default",
        RunStatus.Running => "run-status-info",
        RunStatus.Completed => "run-status-success",
        RunStatus.Cancelled => "run-status-warning",
        _ => "run-status-error",
    };
}
