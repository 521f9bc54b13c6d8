using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Regurgitate.Web.Components.Prerendering;

/// <summary>
/// Hands what a page loaded for its prerendered response to the same page's first interactive render, which follows on
/// the circuit within about a second. The page persists only the ticket (<c>PersistentComponentState</c>), so the data is
/// neither sent to the browser and back (a circuit's start message is capped at 32 KB) nor queried a second time while
/// the prerendered content gives way to a loading state. Each ticket is taken once; an entry nobody takes expires after
/// <see cref="Lifetime"/>, and entries are bounded by their items (<see cref="Capacity"/>): when full, a new entry is
/// not kept and its page simply loads again.
/// </summary>
public sealed class PrerenderHandoff : IDisposable
{
    /// <summary>How long an entry waits for its circuit.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Items (e.g. runs) held at most across all entries.</summary>
    public const long Capacity = 200_000;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    /// <summary>Keeps <paramref name="items"/> and returns the unguessable ticket that takes them.</summary>
    public string Put<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        entries.Set(ticket, items, new MemoryCacheEntryOptions { Size = items.Count + 1L, AbsoluteExpirationRelativeToNow = Lifetime });
        return ticket;
    }

    /// <summary>The items kept under <paramref name="ticket"/>, removing them; false when unknown, taken or expired.</summary>
    public bool TryTake<T>(string? ticket, [NotNullWhen(true)] out IReadOnlyList<T>? items)
    {
        items = null;
        if (ticket is null || !entries.TryGetValue(ticket, out var kept))
        {
            return false;
        }

        entries.Remove(ticket);
        items = kept as IReadOnlyList<T>;
        return items is not null;
    }

    /// <summary>Entries waiting for their circuit.</summary>
    public int Count => entries.Count;

    public void Dispose() => entries.Dispose();
}
