namespace Regurgitate.Cli;

/// <summary>
/// Reports on the reporting thread, serialised. <see cref="Progress{T}"/> posts to the thread pool instead, so its
/// last reports can arrive after the command has finished writing (or after the writer is gone).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            handler(value);
        }
    }
}
