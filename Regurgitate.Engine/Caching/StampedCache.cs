using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Regurgitate.Engine.Caching;

/// <summary>
/// Values read from files, kept in a <see cref="MemoryCache"/> whose entries together stay within
/// <see cref="SizeLimit"/> (each entry's size is given by the owner, e.g. characters), least recently used evicted
/// first. Each entry carries the stamp of its source (<see cref="FileStamps"/>); a lookup with another stamp reads the
/// source again. Simultaneous requests for the same key and stamp share one read; failed reads are not kept.
/// </summary>
public sealed class StampedCache<T> : IDisposable
    where T : class
{
    private readonly MemoryCache cache;
    private readonly Func<T, long> sizeOf;
    private readonly ConcurrentDictionary<(string Key, string Stamp), Lazy<Task<T>>> loading = new();

    /// <param name="sizeLimit">The most the entries may add up to, in the unit of <paramref name="sizeOf"/>.</param>
    /// <param name="sizeOf">An entry's size; a value larger than the limit is returned but not kept.</param>
    public StampedCache(long sizeLimit, Func<T, long> sizeOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeLimit, 1);
        ArgumentNullException.ThrowIfNull(sizeOf);
        SizeLimit = sizeLimit;
        this.sizeOf = sizeOf;

        // Over the limit, a new entry is refused and a compaction evicts down to 75 %, so the next one fits.
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimit, CompactionPercentage = 0.25 });
    }

    public long SizeLimit { get; }

    /// <summary>Entries currently kept.</summary>
    public int Count => cache.Count;

    /// <summary>The kept value when its stamp is <paramref name="stamp"/>, otherwise what <paramref name="load"/> reads.</summary>
    /// <remarks>The read runs to its end even if the caller cancels, since other callers may be waiting for it.</remarks>
    public Task<T> GetAsync(string key, string stamp, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(load);
        if (cache.TryGetValue(key, out Stamped? kept) && kept!.Stamp == stamp)
        {
            return Task.FromResult(kept.Value);
        }

        var loading = this.loading.GetOrAdd((key, stamp), k => new Lazy<Task<T>>(() => LoadAsync(k.Key, k.Stamp, load)));
        return loading.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a key, e.g. after its source was rewritten in this process.</summary>
    public void Remove(string key) => cache.Remove(key);

    public void Dispose() => cache.Dispose();

    private async Task<T> LoadAsync(string key, string stamp, Func<CancellationToken, Task<T>> load)
    {
        try
        {
            var value = await load(CancellationToken.None).ConfigureAwait(false);
            var size = Math.Max(1, sizeOf(value));
            if (size <= SizeLimit)
            {
                cache.Set(key, new Stamped(stamp, value), new MemoryCacheEntryOptions { Size = size });
            }

            return value;
        }
        finally
        {
            loading.TryRemove((key, stamp), out _);
        }
    }

    private sealed record Stamped(string Stamp, T Value);
}
