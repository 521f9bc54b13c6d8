namespace Regurgitate.Engine.Threading;

/// <summary>
/// Options for every parallel loop of the engine and the workbench: the loop runs on the task scheduler of the code
/// that starts it. A new <see cref="ParallelOptions"/> (and every <see cref="Parallel"/> overload without one) uses the
/// thread pool's scheduler instead, whatever scheduler the caller runs on — which took the dataset analyses' loops off
/// the workbench's low-priority heavy-work threads and onto normal-priority pool threads beside a training run
/// (issue 19). Outside a custom scheduler the current one is the thread pool's, so nothing else changes.
/// </summary>
public static class CallerParallelism
{
    /// <param name="maxDegreeOfParallelism">At most this many iterations at once (-1: as many as the scheduler runs).</param>
    public static ParallelOptions Options(CancellationToken cancellationToken, int maxDegreeOfParallelism = -1) => new()
    {
        CancellationToken = cancellationToken,
        MaxDegreeOfParallelism = maxDegreeOfParallelism,
        TaskScheduler = TaskScheduler.Current,
    };
}
