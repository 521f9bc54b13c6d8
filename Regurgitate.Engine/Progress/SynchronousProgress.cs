namespace Regurgitate.Engine.Progress;

/// <summary>
/// Calls back on the reporting thread, one report at a time. <see cref="Progress{T}"/> posts each report to the
/// captured synchronization context (or the thread pool), where reports can arrive out of order and after the work
/// has finished; the lock lets reports from parallel workers reach a handler that is not thread-safe.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock gate = new();

    public void Report(T value)
    {
        lock (gate)
        {
            handler(value);
        }
    }
}
