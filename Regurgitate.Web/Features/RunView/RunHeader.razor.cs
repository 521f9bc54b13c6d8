using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Features.RunView;

public partial class RunHeader
{
    [Parameter, EditorRequired]
    public RunDetails Details { get; set; } = default!;

    [Parameter, EditorRequired]
    public RunSnapshot Snapshot { get; set; } = default!;

    [Parameter]
    public bool CancelRequested { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    /// <summary>
    /// A queued or running run's message says it resumed or was retried: information, not an error. Only a run that
    /// ended badly gets the red notice.
    /// </summary>
    public static Severity SeverityOf(RunStatus status) => status switch
    {
        RunStatus.Completed => Severity.Success,
        RunStatus.Queued or RunStatus.Running => Severity.Info,
        RunStatus.Cancelled => Severity.Warning,
        _ => Severity.Error,
    };
}
