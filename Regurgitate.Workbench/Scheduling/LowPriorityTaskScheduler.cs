using System.Collections.Concurrent;

namespace Regurgitate.Workbench.Scheduling;

/// <summary>
/// A fixed set of dedicated background threads, optionally at the lowest scheduling priority. Work started on it keeps
/// running on it: <see cref="Parallel"/> loops use the current scheduler, and awaits without
/// <c>ConfigureAwait(false)</c> resume on it. Tasks waited on from its own threads run inline, so nested parallel
/// loops cannot deadlock however few threads there are.
/// </summary>
internal sealed class LowPriorityTaskScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = [];
    private readonly Thread[] _threads;
    private readonly ThreadLocal<bool> _isWorker = new();
    private int _lowered;

    public LowPriorityTaskScheduler(int threads, bool lowPriority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(() =>
            {
                _isWorker.Value = true;
                if (lowPriority && CurrentThreadPriority.TryLower())
                {
                    Interlocked.Increment(ref _lowered);
                }

                foreach (var task in _tasks.GetConsumingEnumerable())
                {
                    TryExecuteTask(task);
                }
            })
            {
                IsBackground = true,
                Name = $"heavy-work-{i + 1}",
            };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Threads whose priority was lowered so far (each lowers its own as it starts).</summary>
    public int LoweredThreads => Volatile.Read(ref _lowered);

    public void Dispose()
    {
        _tasks.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _tasks.Dispose();
        _isWorker.Dispose();
    }

    protected override void QueueTask(Task task) => _tasks.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _isWorker.Value && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();
}
