using System.Collections.Concurrent;

namespace Regurgitate.Engine.Tests.TestSupport;

/// <summary>A task scheduler with its own named threads (as the workbench's heavy-work scheduler has), for telling where work ran.</summary>
public sealed class NamedThreadsScheduler : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> tasks = [];
    private readonly Thread[] threads;
    private readonly string name;

    public NamedThreadsScheduler(string name, int threads)
    {
        this.name = name;
        this.threads = [.. Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            foreach (var task in tasks.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        })
        { IsBackground = true, Name = name })];
        foreach (var thread in this.threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => threads.Length;

    public void Dispose()
    {
        tasks.CompleteAdding();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        tasks.Dispose();
    }

    protected override void QueueTask(Task task) => tasks.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => Thread.CurrentThread.Name == name && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => tasks.ToArray();
}
