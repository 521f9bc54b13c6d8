using Microsoft.AspNetCore.Components;
using Regurgitate.Web.Components.Live;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Features.Runs;

public partial class RunsPage
{
    /// <summary>The least time between two reads of the list (steps, queue positions) while changes keep coming.</summary>
    public static readonly TimeSpan RefreshSpacing = TimeSpan.FromSeconds(2);

    private IReadOnlyList<RunSummary>? runs;
    private string? loadError;
    private ChangeDrivenRefresh? refresh;

    [Inject]
    private IRunQueries Queries { get; set; } = default!;

    [Inject]
    private ILogger<RunsPage> Logger { get; set; } = default!;

    [Inject]
    private IDatabaseChanges Changes { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(CancellationToken.None);
        refresh = new ChangeDrivenRefresh(Changes, ReadAgainAsync, RefreshSpacing, Time);
    }

    public void Dispose() => refresh?.Dispose();

    private Task ReloadAsync() => LoadAsync(CancellationToken.None);

    private Task ReadAgainAsync(CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        await LoadAsync(cancellationToken);
        StateHasChanged();
    });

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
}
