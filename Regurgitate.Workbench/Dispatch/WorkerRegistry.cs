using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// A worker's entry on the Workers page, kept in Hangfire's storage (a hash per worker and a set naming them), so the
/// dashboard reads it from the database every host shares: written at every run's start and end and every
/// <see cref="DispatchOptions.WorkerHeartbeatInterval"/>, removed when the worker stops cleanly, and expiring a day
/// after a worker vanished.
/// </summary>
public sealed partial class WorkerRegistry(
    JobStorage storage,
    RunOwner owner,
    WorkerDevices devices,
    IOptions<DispatchOptions> options,
    TimeProvider timeProvider,
    ILogger<WorkerRegistry> logger) : BackgroundService
{
    public const string SetKey = "regurgitate:workers";
    public const string HashPrefix = "regurgitate:worker:";

    private readonly ConcurrentDictionary<int, byte> current = new();
    private int runsDone;

    public void RunStarted(int runId)
    {
        current[runId] = 0;
        TryWrite();
    }

    public void RunEnded(int runId, bool finished)
    {
        current.TryRemove(runId, out _);
        if (finished)
        {
            Interlocked.Increment(ref runsDone);
        }

        TryWrite();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkerHeartbeatInterval, timeProvider);
        try
        {
            do
            {
                TryWrite();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync takes the entry away.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var connection = storage.GetConnection();
            using var transaction = connection.CreateWriteTransaction();
            transaction.RemoveFromSet(SetKey, owner.Id);
            transaction.RemoveHash(HashPrefix + owner.Id);
            transaction.Commit();
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex);
        }
    }

    private void TryWrite()
    {
        try
        {
            using var connection = storage.GetConnection();
            using var transaction = connection.CreateWriteTransaction();
            var key = HashPrefix + owner.Id;
            transaction.AddToSet(SetKey, owner.Id);
            transaction.SetRangeInHash(key, new Dictionary<string, string>
            {
                ["Host"] = Environment.MachineName,
                ["Devices"] = string.Join(',', devices.All),
                ["CurrentRuns"] = string.Join(',', current.Keys.Order().Select(id => id.ToString(CultureInfo.InvariantCulture))),
                ["RunsDone"] = Volatile.Read(ref runsDone).ToString(CultureInfo.InvariantCulture),
                ["Heartbeat"] = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                ["HeartbeatSeconds"] = options.Value.WorkerHeartbeatInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            });
            if (transaction is JobStorageTransaction expiring)
            {
                expiring.ExpireHash(key, TimeSpan.FromDays(1));
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            // The page's view only: a missed beat must never disturb training.
            LogWriteFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write this worker's state for the Workers page")]
    private partial void LogWriteFailed(Exception exception);
}
