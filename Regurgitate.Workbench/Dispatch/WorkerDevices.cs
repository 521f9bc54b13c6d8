using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// A worker's device slots (<see cref="DispatchOptions.Devices"/>). Hangfire runs as many jobs at once as there are
/// slots, so a job always finds one free; each run trains on the slot it took.
/// </summary>
public sealed class WorkerDevices(IOptions<DispatchOptions> options)
{
    private readonly ConcurrentQueue<string> free = new(options.Value.DeviceSlots());

    public IReadOnlyList<string> All { get; } = options.Value.DeviceSlots();

    /// <exception cref="InvalidOperationException">Every slot is taken (more jobs at once than slots).</exception>
    public string Take() =>
        free.TryDequeue(out var device) ? device : throw new InvalidOperationException("Every device slot of this worker is taken.");

    public void Give(string device) => free.Enqueue(device);
}
