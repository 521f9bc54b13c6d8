using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// A run page's live updates in Workers mode, where the run trains in another process, maybe on another host: the
/// worker writes its points in batches (<see cref="RunsOptions.MetricFlushInterval"/>), the database tells this process
/// of the commit (<see cref="IDatabaseChanges"/>, NOTIFY on PostgreSQL), and this reads the points stored since the last
/// read, by their ids, so no point is missed or passed on twice, with the run's row. It stops reading once the run ended.
/// A read that fails is tried again after a pause that grows to <see cref="MaxRetryDelay"/>, until it succeeds or the
/// page leaves: the commit it missed may have been the run's last, and then no further notice would read the run's end.
/// </summary>
internal sealed class RemoteRunObserver : IDisposable
{
    /// <summary>The first pause before a failed read is tried again; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly IDbContextFactory<RegurgitateDbContext> contextFactory;
    private readonly int runId;
    private readonly Action<RunUpdate> onUpdate;
    private readonly Action<Exception> onReadFailed;
    private readonly ResiliencePipeline retry;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private IDisposable? subscription;
    private long lastPointId;
    private (RunStatus, int, string?) lastState;
    private int pending;
    private bool ended;

    private RemoteRunObserver(IDbContextFactory<RegurgitateDbContext> contextFactory, int runId, Action<RunUpdate> onUpdate, Action<Exception> onReadFailed, TimeProvider time)
    {
        this.contextFactory = contextFactory;
        this.runId = runId;
        this.onUpdate = onUpdate;
        this.onReadFailed = onReadFailed;
        retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Everything but the page leaving, as the catch-all before the retry did: a cancellation from anywhere
                // else would otherwise end this reader unnoticed.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(_ => !stop.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstRetryDelay,
                MaxDelay = MaxRetryDelay,
                UseJitter = false,
                OnRetry = args =>
                {
                    onReadFailed(args.Outcome.Exception!);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Subscribes to the database's changes before reading the run, so that a commit between the two is read after;
    /// null when the run does not exist or has ended (the database then holds its final record). The first read is
    /// synchronous because <see cref="IRunMonitor.Observe"/> is: one row and the run's points so far, on the page's first load only.
    /// </summary>
    public static RunObservation? Start(
        IDbContextFactory<RegurgitateDbContext> contextFactory, IDatabaseChanges changes, int runId, Action<RunUpdate> onUpdate, Action<Exception> onReadFailed, TimeProvider time)
    {
        var observer = new RemoteRunObserver(contextFactory, runId, onUpdate, onReadFailed, time);
        observer.gate.Wait();
        try
        {
            observer.subscription = changes.Subscribe(observer.Changed);
            using var context = contextFactory.CreateDbContext();
            var run = context.Runs.AsNoTracking().SingleOrDefault(r => r.Id == runId);
            if (run is null || run.Status is not (RunStatus.Queued or RunStatus.Running))
            {
                observer.Dispose();
                return null;
            }

            var points = context.MetricPoints.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Id)
                .Select(p => new { p.Id, Sample = new MetricSample(p.Step, p.Name, p.Value, p.Timestamp) }).ToList();
            observer.lastPointId = points.Count > 0 ? points[^1].Id : 0;
            observer.lastState = (run.Status, run.LastStep, run.PhaseMessage);
            return new RunObservation(RunStore.ToSnapshot(run), [.. points.Select(p => p.Sample)], observer);
        }
        finally
        {
            observer.gate.Release();
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        stop.Cancel();
    }

    /// <summary>A commit somewhere: read once now, or once more after the read in progress (notifications in between fold into it).</summary>
    private void Changed()
    {
        if (Interlocked.Increment(ref pending) == 1)
        {
            _ = ReadWhileChangedAsync();
        }
    }

    private async Task ReadWhileChangedAsync()
    {
        do
        {
            Volatile.Write(ref pending, 1);
            try
            {
                // A failed read loses nothing: the next attempt reads from the same last point.
                await retry.ExecuteAsync(
                    async token =>
                    {
                        await gate.WaitAsync(token);
                        try
                        {
                            await ReadAsync(token);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    },
                    stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
        while (Interlocked.Decrement(ref pending) > 0);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        if (ended)
        {
            return;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var points = await context.MetricPoints.AsNoTracking().Where(p => p.RunId == runId && p.Id > lastPointId).OrderBy(p => p.Id)
            .Select(p => new { p.Id, Sample = new MetricSample(p.Step, p.Name, p.Value, p.Timestamp) }).ToListAsync(cancellationToken);
        var run = await context.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            ended = true;
            return;
        }

        if (points.Count > 0)
        {
            lastPointId = points[^1].Id;
        }

        // Every commit to the database is heard, most of them other runs': pass on only what changed this run.
        var state = (run.Status, run.LastStep, run.PhaseMessage);
        if (points.Count == 0 && state == lastState)
        {
            return;
        }

        lastState = state;
        ended = run.Status is not (RunStatus.Queued or RunStatus.Running);
        onUpdate(new RunUpdate(RunStore.ToSnapshot(run), [.. points.Select(p => p.Sample)]));
        if (ended)
        {
            subscription?.Dispose();
        }
    }
}
