using Microsoft.Data.Sqlite;

namespace Regurgitate.Workbench.Archives;

/// <summary>At start-up, removes imports that a stopped process left unfinished (see <see cref="PendingImports"/>); their rows are hidden meanwhile.</summary>
public sealed partial class PendingImportRecovery(PendingImports pendingImports, ILogger<PendingImportRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await pendingImports.RecoverAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            // The leftovers stay hidden and are tried again before the next import and at the next start.
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not remove an unfinished archive import; it is tried again before the next import")]
    private partial void LogFailed(Exception exception);
}
