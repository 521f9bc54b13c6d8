using Microsoft.Extensions.Time.Testing;

namespace Regurgitate.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a given number of timers has been created, so a test can
/// advance the clock only once the wait it wants to pass over has started (an earlier advance would not count for it).
/// </summary>
public sealed class TimerCountingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];
    private int created;

    public FakeTimeProvider Clock => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        lock (gate)
        {
            created++;
            foreach (var waiter in waiters.Where(w => w.Count <= created))
            {
                waiter.Reached.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers have been created in all.</summary>
    public Task WhenTimersCreated(int count)
    {
        lock (gate)
        {
            if (created >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
            return reached.Task;
        }
    }
}
