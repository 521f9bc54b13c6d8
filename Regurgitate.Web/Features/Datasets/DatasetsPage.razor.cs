using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Datasets;

public partial class DatasetsPage
{
    private IReadOnlyList<DatasetRow>? datasets;
    private string? loadError;
    private CatalogScanState scan = CatalogScanState.Idle;

    [Inject]
    private IDatasetCatalog Catalog { get; set; } = default!;

    [Inject]
    private ILogger<DatasetsPage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        scan = Catalog.ScanState;
        Catalog.ScanStateChanged += OnScanStateChanged;
        await ReloadAsync();
    }

    public void Dispose() => Catalog.ScanStateChanged -= OnScanStateChanged;

    private async Task ReloadAsync()
    {
        try
        {
            datasets = await Catalog.ListAsync(CancellationToken.None);
            loadError = null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not load the dataset catalogue");
            loadError = "The catalogue could not be loaded; see the server log.";
            datasets = [];
        }
    }

    private async Task RescanAsync()
    {
        try
        {
            await Catalog.ScanAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The state carries the message for the page; the service logged the details.
        }

        await ReloadAsync();
    }

    private async Task OnImportedAsync() => await ReloadAsync();

    private void OnScanStateChanged(CatalogScanState state)
    {
        var finished = scan.IsScanning && !state.IsScanning;
        scan = state;
        _ = InvokeAsync(async () =>
        {
            if (finished)
            {
                await ReloadAsync();
            }

            StateHasChanged();
        });
    }
}
