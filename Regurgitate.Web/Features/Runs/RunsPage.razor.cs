using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Features.Runs;

public partial class RunsPage
{
    private IReadOnlyList<RunSummary>? runs;
    private string? loadError;

    [Inject]
    private IRunQueries Queries { get; set; } = default!;

    [Inject]
    private ILogger<RunsPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            runs = await Queries.ListRunsAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not load the runs list");
            loadError = "The runs could not be loaded; see the server log.";
            runs = [];
        }
    }
}
