using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Scheduling;

/// <summary>
/// The one queue for CPU-heavy requests (dataset analyses, training-set comparisons, mechanisms, run and strategy
/// comparisons): at most <see cref="HeavyWorkOptions.MaxConcurrentJobs"/> run at once, the rest wait in arrival order,
/// and all run on a few dedicated low-priority threads (<see cref="HeavyWorkOptions.Threads"/>), so several people
/// starting analyses together cannot take the cores from a training run or from the pages.
/// Identical requests (same key) share one job: each caller gets its result and its progress; a caller that cancels
/// stops waiting, and the job itself is cancelled (or never started, if still queued) only when every caller has.
/// </summary>
public sealed partial class HeavyWorkScheduler : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Job> jobs = new(StringComparer.Ordinal);
    private readonly Queue<Job> queue = new();
    private readonly LowPriorityTaskScheduler threads;
    private readonly int maxConcurrentJobs;
    private readonly TimeProvider time;
    private readonly ILogger<HeavyWorkScheduler> logger;
    private int running;
    private bool disposed;

    public HeavyWorkScheduler(IOptions<HeavyWorkOptions> options, TimeProvider time, ILogger<HeavyWorkScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        maxConcurrentJobs = settings.MaxConcurrentJobs;
        threads = new LowPriorityTaskScheduler(settings.Threads, settings.LowPriority);
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Jobs running now.</summary>
    public int RunningJobs
    {
        get
        {
            lock (gate)
            {
                return running;
            }
        }
    }

    /// <summary>Jobs waiting for a free slot.</summary>
    public int QueuedJobs
    {
        get
        {
            lock (gate)
            {
                return queue.Count(j => !j.Abandoned);
            }
        }
    }

    /// <summary>Threads whose priority was lowered (0 when lowering is off or the system refused).</summary>
    public int LowPriorityThreads => threads.LoweredThreads;

    /// <summary>
    /// Runs <paramref name="work"/> when a slot is free, or joins the queued or running job with the same key.
    /// The work starts on a heavy-work thread; its parallel loops and its awaits (without <c>ConfigureAwait(false)</c>)
    /// stay on those threads.
    /// </summary>
    /// <param name="key">What identifies identical requests, e.g. the service's name and its cache key.</param>
    /// <param name="work">The computation; it reports progress in [0, 1] and stops when its token is cancelled.</param>
    /// <param name="progress">This caller's progress; it may be told about a shared job's progress on any thread.</param>
    /// <param name="cancellationToken">Stops this caller's wait (and the job, when no one else waits for it).</param>
    public async Task<T> RunAsync<T>(
        string key, Func<IProgress<double>, CancellationToken, Task<T>> work, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        Job job;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!jobs.TryGetValue(key, out job!))
            {
                job = new Job(key, async (p, token) => await work(p, token), time.GetTimestamp());
                jobs[key] = job;
                queue.Enqueue(job);
                LogQueued(key, queue.Count, running);
            }

            job.Waiters++;
        }

        job.Progress.Add(progress);
        StartQueued();
        try
        {
            return (T)(await job.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Here rather than in a token callback, so the job is left (and dequeued) before this caller sees the cancellation.
            Leave(job, progress);
            throw;
        }
    }

    public void Dispose()
    {
        List<Job> jobs;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            jobs = [.. this.jobs.Values];
            this.jobs.Clear();
            queue.Clear();
        }

        foreach (var job in jobs)
        {
            job.Cancellation.Cancel();
            job.Completion.TrySetCanceled(job.Cancellation.Token);
        }

        threads.Dispose();
    }

    private void Leave(Job job, IProgress<double>? progress)
    {
        job.Progress.Remove(progress);
        bool cancel;
        lock (gate)
        {
            job.Waiters--;
            cancel = job.Waiters == 0 && !job.Completion.Task.IsCompleted;
            if (cancel)
            {
                // A new request with this key starts afresh instead of joining a job that is stopping.
                if (jobs.TryGetValue(job.Key, out var current) && current == job)
                {
                    jobs.Remove(job.Key);
                }

                job.Abandoned = !job.Started;
            }
        }

        if (cancel)
        {
            LogAbandoned(job.Key, job.Started);
            job.Cancellation.Cancel();
            if (!job.Started)
            {
                job.Completion.TrySetCanceled(job.Cancellation.Token);
            }
        }
    }

    private void StartQueued()
    {
        var starting = new List<Job>();
        lock (gate)
        {
            while (!disposed && running < maxConcurrentJobs && queue.TryDequeue(out var job))
            {
                if (job.Abandoned)
                {
                    continue;
                }

                job.Started = true;
                running++;
                starting.Add(job);
            }
        }

        foreach (var job in starting)
        {
            LogStarted(job.Key, time.GetElapsedTime(job.QueuedAt));
            Task.Factory.StartNew(() => job.Work(job.Progress, job.Cancellation.Token), CancellationToken.None, TaskCreationOptions.DenyChildAttach, threads)
                .Unwrap()
                .ContinueWith(Finish, job, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Finish(Task<object?> done, object? state)
    {
        var job = (Job)state!;
        lock (gate)
        {
            running--;
            if (jobs.TryGetValue(job.Key, out var current) && current == job)
            {
                jobs.Remove(job.Key);
            }
        }

        LogFinished(job.Key, done.Status, time.GetElapsedTime(job.QueuedAt));
        if (done.IsCanceled)
        {
            job.Completion.TrySetCanceled(job.Cancellation.Token);
        }
        else if (done.Exception is { } failure)
        {
            job.Completion.TrySetException(failure.InnerExceptions);
        }
        else
        {
            job.Completion.TrySetResult(done.Result);
        }

        StartQueued();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heavy work {Key} queued ({Queued} waiting, {Running} running)")]
    private partial void LogQueued(string key, int queued, int running);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heavy work {Key} started after waiting {Waited}")]
    private partial void LogStarted(string key, TimeSpan waited);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heavy work {Key} ended {Status} {Elapsed} after it was asked for")]
    private partial void LogFinished(string key, TaskStatus status, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heavy work {Key} cancelled by every caller (had started: {Started})")]
    private partial void LogAbandoned(string key, bool started);

    private sealed class Job(string key, Func<IProgress<double>, CancellationToken, Task<object?>> work, long queuedAt)
    {
        public string Key { get; } = key;
        public Func<IProgress<double>, CancellationToken, Task<object?>> Work { get; } = work;
        public long QueuedAt { get; } = queuedAt;
        public ProgressFanOut Progress { get; } = new();
        public CancellationTokenSource Cancellation { get; } = new();
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Waiters { get; set; }
        public bool Started { get; set; }
        public bool Abandoned { get; set; }
    }
}
