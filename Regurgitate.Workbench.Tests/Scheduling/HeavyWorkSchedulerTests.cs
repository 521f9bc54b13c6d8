using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Threading;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench.Tests.Scheduling;

/// <summary>Every job waits on its own gate, so what runs when is decided by the test, never by timing.</summary>
public sealed class HeavyWorkSchedulerTests
{
    [Fact]
    public async Task Running_jobs_never_exceed_the_bound_and_start_in_arrival_order()
    {
        using var scheduler = TestHeavyWork.Scheduler(maxConcurrentJobs: 2);
        var gates = Enumerable.Range(0, 6).Select(_ => Gate()).ToArray();
        var started = Enumerable.Range(0, 6).Select(_ => Gate()).ToArray();
        var order = new ConcurrentQueue<int>();
        var running = 0;
        var most = 0;
        var jobs = Enumerable.Range(0, 6).Select(i => scheduler.RunAsync($"job{i}", async (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            order.Enqueue(i);
            started[i].SetResult();
            await gates[i].Task;
            Interlocked.Decrement(ref running);
            return i;
        }, null, CancellationToken.None)).ToArray();

        await Task.WhenAll(started[0].Task, started[1].Task);
        Assert.Equal((2, 4), (scheduler.RunningJobs, scheduler.QueuedJobs));
        Assert.False(started[2].Task.IsCompleted);

        // Each finished job frees one slot, which goes to the oldest waiting job and to no other; jobs 0 and 1 start
        // together, so only from job 2 on is the order of their starts the queue's order.
        for (var i = 0; i < 6; i++)
        {
            gates[i].SetResult();
            Assert.Equal(i, await jobs[i]);
            if (i + 2 < 6)
            {
                await started[i + 2].Task;
                Assert.False(i + 3 < 6 && started[i + 3].Task.IsCompleted, $"job {i + 3} started while jobs {i + 1} and {i + 2} held both slots");
            }
        }

        Assert.Equal(2, most);
        Assert.Equal([0, 1], order.Take(2).Order());
        Assert.Equal([2, 3, 4, 5], order.Skip(2));
        Assert.Equal((0, 0), (scheduler.RunningJobs, scheduler.QueuedJobs));
    }

    [Fact]
    public async Task Identical_requests_run_once_and_share_the_result_and_progress()
    {
        using var scheduler = TestHeavyWork.Scheduler();
        var gate = Gate();
        var runs = 0;
        var firstValues = new ConcurrentQueue<double>();
        var secondValues = new ConcurrentQueue<double>();
        var firstProgress = new SynchronousProgress<double>(firstValues.Enqueue);
        var secondProgress = new SynchronousProgress<double>(secondValues.Enqueue);
        Func<IProgress<double>, CancellationToken, Task<object>> work = async (progress, _) =>
        {
            Interlocked.Increment(ref runs);
            progress.Report(0.5);
            await gate.Task;
            return new object();
        };

        var first = scheduler.RunAsync("same", work, firstProgress, CancellationToken.None);
        var second = scheduler.RunAsync("same", work, secondProgress, CancellationToken.None);
        gate.SetResult();

        Assert.Same(await first, await second);
        Assert.Equal(1, runs);
        Assert.Contains(0.5, firstValues);
        Assert.Contains(0.5, secondValues);
    }

    [Fact]
    public async Task A_queued_request_cancelled_by_its_caller_never_runs()
    {
        using var scheduler = TestHeavyWork.Scheduler();
        var gate = Gate();
        var blocker = scheduler.RunAsync("blocker", async (_, _) => { await gate.Task; return 1; }, null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var cancelledRan = false;
        var cancelled = scheduler.RunAsync("cancelled", (_, _) => { cancelledRan = true; return Task.FromResult(2); }, null, cancellation.Token);
        Assert.Equal(1, scheduler.QueuedJobs);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, scheduler.QueuedJobs);
        gate.SetResult();
        Assert.Equal(1, await blocker);
        Assert.Equal(3, await scheduler.RunAsync("after", (_, _) => Task.FromResult(3), null, CancellationToken.None));

        Assert.False(cancelledRan);
    }

    [Fact]
    public async Task A_shared_job_is_cancelled_only_when_every_caller_has_cancelled()
    {
        using var scheduler = TestHeavyWork.Scheduler();
        var started = Gate();
        var jobCancelled = Gate();
        var finish = Gate();
        Func<IProgress<double>, CancellationToken, Task<int>> work = async (_, token) =>
        {
            token.Register(() => jobCancelled.TrySetResult());
            started.SetResult();
            await finish.Task.WaitAsync(token);
            return 42;
        };
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var third = new CancellationTokenSource();

        var one = scheduler.RunAsync("shared", work, null, first.Token);
        var two = scheduler.RunAsync("shared", work, null, second.Token);
        await started.Task;
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one);
        Assert.False(jobCancelled.Task.IsCompleted);

        finish.SetResult();
        Assert.Equal(42, await two);

        var gate = Gate();
        var lonely = scheduler.RunAsync("abandoned", async (_, token) => { await gate.Task.WaitAsync(token); return 0; }, null, third.Token);
        await third.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lonely);
        Assert.Equal(7, await scheduler.RunAsync("next", (_, _) => Task.FromResult(7), null, CancellationToken.None));
    }

    [Fact]
    public async Task Work_and_its_parallel_loops_run_on_the_low_priority_threads_before_and_after_it_awaits()
    {
        using var scheduler = new HeavyWorkScheduler(
            Options.Create(new HeavyWorkOptions { Threads = 2, LowPriority = true }), TimeProvider.System, NullLogger<HeavyWorkScheduler>.Instance);

        // A parallel loop stays on these threads only with CallerParallelism's options: ParallelOptions' own default
        // scheduler is the thread pool's (loops were seen on pool threads once the pool had warmed up).
        var threads = await scheduler.RunAsync("names", async (_, _) =>
        {
            var names = new List<string?> { Thread.CurrentThread.Name };
            await Task.Yield();
            names.Add(Thread.CurrentThread.Name);
            var inLoop = new ConcurrentBag<string?>();
            Parallel.For(0, 200, CallerParallelism.Options(CancellationToken.None), _ =>
            {
                Thread.SpinWait(20_000);
                inLoop.Add(Thread.CurrentThread.Name);
            });
            names.AddRange(inLoop);
            return names;
        }, null, CancellationToken.None);

        Assert.All(threads, name => Assert.StartsWith("heavy-work-", name, StringComparison.Ordinal));
        Assert.InRange(scheduler.LowPriorityThreads, 1, 2);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        var result = new HeavyWorkOptionsValidator().Validate(null, new HeavyWorkOptions { MaxConcurrentJobs = 0, Threads = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Regurgitate:HeavyWork:MaxConcurrentJobs must be between 1 and 64 (was 0)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:HeavyWork:Threads must be between 1 and 256 (was 0)", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new HeavyWorkOptionsValidator().Validate(null, new HeavyWorkOptions()).Succeeded);
    }

    private static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
