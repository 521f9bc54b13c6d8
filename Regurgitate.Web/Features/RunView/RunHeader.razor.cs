using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Execution;
using Regurgitate.Web.Features.Runs;

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
}
