using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// A worker's device slots (<see cref="DispatchOptions.Devices"/>). Hangfire runs as many jobs at once as there are
/// slots, so a job normally finds one free at once; one that arrives while the previous job is still returning its slot
/// waits for it. Each run trains on the slot it took.
/// </summary>
public sealed class WorkerDevices(IOptions<DispatchOptions> options) : IDisposable
{
    private readonly ConcurrentQueue<string> free = new(options.Value.DeviceSlots());
    private readonly SemaphoreSlim available = new(options.Value.DeviceSlots().Count);

    public IReadOnlyList<string> All { get; } = options.Value.DeviceSlots();

    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        await available.WaitAsync(cancellationToken);
        return free.TryDequeue(out var device) ? device : throw new InvalidOperationException("A device slot was counted free but none was left.");
    }

    public void Give(string device)
    {
        free.Enqueue(device);
        available.Release();
    }

    public void Dispose() => available.Dispose();
}
