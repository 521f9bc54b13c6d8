using System.Globalization;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// Who executes a run, as stored in <see cref="Persistence.Run.OwnerId"/>: process id, host and the moment this
/// process's workbench started, plus a nonce so two hosts in one process (tests) are told apart. A person reading the
/// runs table can tell which process holds a run; the coordinator compares it to know whether the claim is still its own.
/// </summary>
public sealed record RunOwner(string Id)
{
    public static RunOwner ForThisProcess(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var started = timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N")[..8];
        return new RunOwner($"pid {Environment.ProcessId} on {Environment.MachineName} since {started} ({nonce})");
    }

    public override string ToString() => Id;
}
