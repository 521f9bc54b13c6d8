using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Runs;

public partial class RunStatusChip
{
    [Parameter, EditorRequired]
    public RunStatus Status { get; set; }

    private static Color ColorOf(RunStatus status) => status switch
    {
        RunStatus.Queued => Color.Default,
        RunStatus.Running => Color.Info,
        RunStatus.Completed => Color.Success,
        RunStatus.Cancelled => Color.Warning,
        _ => Color.Error,
    };
}
