using System.Globalization;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>Reads the workers' entries (<see cref="WorkerRegistry"/>) from Hangfire's storage.</summary>
public sealed class WorkerMonitor(IServiceProvider services, IOptions<DispatchOptions> options, TimeProvider timeProvider) : IWorkerMonitor
{
    public bool WorkersMode => options.Value.Mode == DispatchMode.Workers;

    public Task<IReadOnlyList<WorkerState>> ListAsync(CancellationToken cancellationToken)
    {
        if (!WorkersMode)
        {
            return Task.FromResult<IReadOnlyList<WorkerState>>([]);
        }

        // Hangfire's storage API is synchronous; the page calls this off its render path.
        return Task.Run(() => Read(services.GetRequiredService<JobStorage>()), cancellationToken);
    }

    private IReadOnlyList<WorkerState> Read(JobStorage storage)
    {
        var now = timeProvider.GetUtcNow();
        var workers = new List<WorkerState>();
        using var connection = storage.GetConnection();
        foreach (var name in connection.GetAllItemsFromSet(WorkerRegistry.SetKey))
        {
            var entry = connection.GetAllEntriesFromHash(WorkerRegistry.HashPrefix + name);
            if (entry is null || !entry.TryGetValue("Heartbeat", out var beatText)
                || !DateTimeOffset.TryParse(beatText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var beat))
            {
                continue;
            }

            var interval = entry.TryGetValue("HeartbeatSeconds", out var seconds) && double.TryParse(seconds, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(5);
            workers.Add(new WorkerState(
                name,
                entry.GetValueOrDefault("Host") ?? "?",
                Split(entry.GetValueOrDefault("Devices")),
                [.. Split(entry.GetValueOrDefault("CurrentRuns")).Select(id => int.Parse(id, CultureInfo.InvariantCulture))],
                int.TryParse(entry.GetValueOrDefault("RunsDone"), CultureInfo.InvariantCulture, out var done) ? done : 0,
                beat,
                now - beat <= interval * 3));
        }

        return [.. workers.OrderByDescending(w => w.IsAlive).ThenBy(w => w.Host, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal)];
    }

    private static string[] Split(string? list) => list?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
