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
    private readonly BlockingCollection<Task> tasks = [];
    private readonly Thread[] threads;
    private readonly ThreadLocal<bool> isWorker = new();
    private int lowered;

    public LowPriorityTaskScheduler(int threads, bool lowPriority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        this.threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            this.threads[i] = new Thread(() =>
            {
                isWorker.Value = true;
                if (lowPriority && CurrentThreadPriority.TryLower())
                {
                    Interlocked.Increment(ref lowered);
                }

                foreach (var task in tasks.GetConsumingEnumerable())
                {
                    TryExecuteTask(task);
                }
            })
            {
                IsBackground = true,
                Name = $"heavy-work-{i + 1}",
            };
            this.threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => threads.Length;

    /// <summary>Threads whose priority was lowered so far (each lowers its own as it starts).</summary>
    public int LoweredThreads => Volatile.Read(ref lowered);

    public void Dispose()
    {
        tasks.CompleteAdding();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        tasks.Dispose();
        isWorker.Dispose();
    }

    protected override void QueueTask(Task task) => tasks.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => isWorker.Value && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => tasks.ToArray();
}
