using System.Globalization;
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

    private static string FormatParameters(long count) => count >= 1_000_000
        ? (count / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M"
        : (count / 1e3).ToString("F0", CultureInfo.InvariantCulture) + " k";
}
