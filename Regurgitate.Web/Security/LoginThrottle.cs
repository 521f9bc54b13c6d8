using System.Collections.Concurrent;

namespace Regurgitate.Web.Security;

/// <summary>
/// Backoff after failed logins, per client address: the first <see cref="FreeAttempts"/> failures cost nothing, each
/// further one locks the client out for twice as long as the previous (from <see cref="FirstLockout"/> up to
/// <see cref="MaxLockout"/>). A success clears the client's record. At most <see cref="DefaultMaxClients"/> clients
/// are remembered, so failures from ever new addresses cannot fill the memory: beyond that, clients not locked out
/// and idle for <see cref="MaxLockout"/> are forgotten first, then the longest idle of those not locked out (locked-out
/// clients last, so spraying from other addresses does not lift a lockout), down to nine tenths.
/// </summary>
public sealed class LoginThrottle
{
    public const int FreeAttempts = 5;
    public const int DefaultMaxClients = 10_000;
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock pruning = new();
    private readonly TimeProvider time;
    private readonly int maxClients;

    public LoginThrottle(TimeProvider time)
        : this(time, DefaultMaxClients)
    {
    }

    internal LoginThrottle(TimeProvider time, int maxClients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        this.time = time;
        this.maxClients = maxClients;
    }

    /// <summary>Clients remembered now.</summary>
    internal int Count => entries.Count;

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
        var now = time.GetUtcNow();
        entries.AddOrUpdate(
            client,
            _ => new Entry(1, DateTimeOffset.MinValue, now),
            (_, old) =>
            {
                var failures = old.Failures + 1;
                if (failures <= FreeAttempts)
                {
                    return new Entry(failures, DateTimeOffset.MinValue, now);
                }

                var doublings = Math.Min(failures - FreeAttempts - 1, 10);
                var lockout = TimeSpan.FromTicks(Math.Min(FirstLockout.Ticks << doublings, MaxLockout.Ticks));
                return new Entry(failures, now + lockout, now);
            });
        if (entries.Count > maxClients)
        {
            Prune(client, now);
        }
    }

    public void Succeeded(string client) => entries.TryRemove(client, out _);

    private void Prune(string current, DateTimeOffset now)
    {
        lock (pruning)
        {
            var target = Math.Max(1, maxClients * 9 / 10);
            var others = entries.Where(e => e.Key != current).ToList();
            var stale = others.Where(e => e.Value.LockedUntil <= now && now - e.Value.LastFailure >= MaxLockout).Select(e => e.Key);
            var oldest = others.OrderBy(e => e.Value.LockedUntil > now).ThenBy(e => e.Value.LastFailure).Select(e => e.Key);
            foreach (var client in stale.Concat(oldest))
            {
                if (entries.Count <= target)
                {
                    break;
                }

                entries.TryRemove(client, out _);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LockedUntil, DateTimeOffset LastFailure);
}
