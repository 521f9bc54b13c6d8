using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Features.Runs;

public partial class RunsTable
{
    private RunQueueResult? lastResult;
    private bool busy;

    /// <summary>The runs to list; null while they are loading.</summary>
    [Parameter]
    public IReadOnlyList<RunSummary>? Runs { get; set; }

    /// <summary>Raised after a queue action (cancel, retry, priority) so the page reloads the list.</summary>
    [Parameter]
    public EventCallback OnQueueChanged { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IRunQueue Queue { get; set; } = default!;

    [Inject]
    private ILogger<RunsTable> Logger { get; set; } = default!;

    private void Open(RunSummary? run)
    {
        if (run is not null)
        {
            Navigation.NavigateTo($"/runs/{run.Id}");
        }
    }

    private async Task ActAsync(Func<IRunQueue, Task<RunQueueResult>> action)
    {
        busy = true;
        try
        {
            lastResult = await action(Queue);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            Logger.LogError(ex, "A queue action failed");
            lastResult = RunQueueResult.Refused("The queue could not be changed; see the server log.");
        }
        finally
        {
            busy = false;
        }

        await OnQueueChanged.InvokeAsync();
    }
}
