using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Features.RunView;

public partial class TestResult
{
    [Parameter, EditorRequired]
    public RunSnapshot Snapshot { get; set; } = default!;
}
