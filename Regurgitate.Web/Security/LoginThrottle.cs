using System.Collections.Concurrent;

namespace Regurgitate.Web.Security;

/// <summary>
/// Backoff after failed logins, per client address: the first <see cref="FreeAttempts"/> failures cost nothing, each
/// further one locks the client out for twice as long as the previous (from <see cref="FirstLockout"/> up to
/// <see cref="MaxLockout"/>). A success clears the client's record.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>How long the client must still wait before another attempt (zero when it may try now).</summary>
    public TimeSpan RetryAfter(string client)
    {
        if (!entries.TryGetValue(client, out var entry))
        {
            return TimeSpan.Zero;
        }

        var wait = entry.LockedUntil - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Failed(string client)
    {
        entries.AddOrUpdate(
            client,
            _ => new Entry(1, DateTimeOffset.MinValue),
            (_, old) =>
            {
                var failures = old.Failures + 1;
                if (failures <= FreeAttempts)
                {
                    return new Entry(failures, DateTimeOffset.MinValue);
                }

                var doublings = Math.Min(failures - FreeAttempts - 1, 10);
                var lockout = TimeSpan.FromTicks(Math.Min(FirstLockout.Ticks << doublings, MaxLockout.Ticks));
                return new Entry(failures, time.GetUtcNow() + lockout);
            });
    }

    public void Succeeded(string client) => entries.TryRemove(client, out _);

    private sealed record Entry(int Failures, DateTimeOffset LockedUntil);
}
