using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

public partial class ExperimentsPage
{
    private IReadOnlyList<ExperimentSummary>? experiments;
    private string? loadError;

    [Inject]
    private IExperimentQueries Queries { get; set; } = default!;

    [Inject]
    private ILogger<ExperimentsPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            experiments = [.. (await Queries.ListAsync(CancellationToken.None)).OrderByDescending(e => e.CreatedAt)];
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not load the experiments list");
            loadError = "The experiments could not be loaded; see the server log.";
            experiments = [];
        }
    }
}
