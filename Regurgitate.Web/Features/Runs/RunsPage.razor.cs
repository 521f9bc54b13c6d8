using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Features.Runs;

public partial class RunsPage
{
    /// <summary>While runs are queued or running, the list (steps, queue positions) refreshes this often.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource disposal = new();
    private IReadOnlyList<RunSummary>? runs;
    private string? loadError;
    private Task? polling;

    [Inject]
    private IRunQueries Queries { get; set; } = default!;

    [Inject]
    private ILogger<RunsPage> Logger { get; set; } = default!;

    private bool AnyActive => runs?.Any(r => r.Status is RunStatus.Queued or RunStatus.Running) == true;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(CancellationToken.None);
        EnsurePolling();
    }

    public void Dispose()
    {
        disposal.Cancel();
        disposal.Dispose();
    }

    private async Task ReloadAsync()
    {
        await LoadAsync(CancellationToken.None);
        EnsurePolling();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            runs = await Queries.ListRunsAsync(cancellationToken);
            loadError = null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not load the runs list");
            loadError = "The runs could not be loaded; see the server log.";
            runs ??= [];
        }
    }

    private void EnsurePolling()
    {
        if (polling is null && AnyActive && !disposal.IsCancellationRequested)
        {
            polling = PollAsync(disposal.Token);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(PollInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await LoadAsync(cancellationToken);
                await InvokeAsync(StateHasChanged);
                if (!AnyActive)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
        finally
        {
            polling = null;
        }
    }
}
