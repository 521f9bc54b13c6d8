using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Keeps one executing run's lease alive while it trains: every <see cref="RunsOptions.HeartbeatInterval"/> it renews
/// the lease, cancels the run when a cancel request reached the database, and stops the run when another process took
/// it over (this one stalled past its lease), so the run never trains in two processes at once.
/// </summary>
internal sealed partial class LeaseHeartbeat(
    RunLeases leases,
    IOptions<RunsOptions> options,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>Beats until <paramref name="stop"/> is cancelled; cancels <paramref name="userCancel"/> or <paramref name="lost"/> as the database says.</summary>
    public async Task RunAsync(int runId, CancellationTokenSource userCancel, CancellationTokenSource lost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                LeaseRenewal renewal;
                try
                {
                    renewal = await leases.RenewAsync(runId, stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A busy or briefly unreachable database: the lease outlasts several missed beats, so try again.
                    LogRenewalFailed(ex, runId);
                    continue;
                }

                if (renewal == LeaseRenewal.CancelRequested && !userCancel.IsCancellationRequested)
                {
                    LogCancelRequested(runId);
                    await userCancel.CancelAsync();
                }
                else if (renewal == LeaseRenewal.Lost)
                {
                    LogLeaseLost(runId);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease on run {RunId}; trying again at the next heartbeat")]
    private partial void LogRenewalFailed(Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: a cancel request reached the database; cancelling")]
    private partial void LogCancelRequested(int runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: another process took the run over (this process missed its lease); stopping here without writing")]
    private partial void LogLeaseLost(int runId);
}
