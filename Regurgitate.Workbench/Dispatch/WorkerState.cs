namespace Regurgitate.Workbench.Dispatch;

/// <summary>One worker as the Workers page shows it.</summary>
/// <param name="Name">The worker's run-owner id: process, host and start, as stored in a run it trains.</param>
/// <param name="Host">The machine.</param>
/// <param name="Devices">Its device slots.</param>
/// <param name="CurrentRuns">The runs it trains now.</param>
/// <param name="RunsDone">Runs it has finished (completed, failed or cancelled) since it started.</param>
/// <param name="LastHeartbeat">When it last reported.</param>
/// <param name="IsAlive">It reported within three heartbeats.</param>
public sealed record WorkerState(string Name, string Host, IReadOnlyList<string> Devices, IReadOnlyList<int> CurrentRuns, int RunsDone, DateTimeOffset LastHeartbeat, bool IsAlive);
