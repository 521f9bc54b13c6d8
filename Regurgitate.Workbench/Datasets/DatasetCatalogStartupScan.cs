using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Datasets;

/// <summary>Catalogues the datasets in the background once the database is ready; start-up does not wait for it.</summary>
internal sealed partial class DatasetCatalogStartupScan(
    DatasetCatalogScanner catalog,
    IOptions<DatasetCatalogOptions> options,
    ILogger<DatasetCatalogStartupScan> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScanOnStart)
        {
            return;
        }

        await Task.Yield();
        try
        {
            await catalog.ScanAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The catalogue service logs the failure; a failed scan must never stop the application.
            LogFailed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start-up catalogue scan did not complete: {Problem}")]
    private partial void LogFailed(string problem);
}
