using System.Collections.Concurrent;
using Regurgitate.Workbench.Sessions;

namespace Regurgitate.Web.Security;

/// <summary>
/// Sessions ended by signing out. They are written to the database (<see cref="EndedSessionStore"/>), so a copy of a
/// signed-out cookie stays refused after a restart; sessions that ended in this process are also kept in memory, so
/// the check of a known ended session costs no query. A session the database said was live is believed for
/// <see cref="Recheck"/> before it is asked again, so the many requests of one page (scripts, styles, the circuit)
/// cost one query, not one each; a sign-out in another process on the same database therefore takes effect here
/// within that time (one in this process at once). Open circuits of a session are told through <see cref="Ended"/>.
/// </summary>
public sealed class SessionRegistry(EndedSessionStore store, TimeProvider time)
{
    /// <summary>After this a cookie has expired by itself, so its session need not be remembered.</summary>
    public static readonly TimeSpan Remember = SecurityServiceCollectionExtensions.CookieLifetime;

    /// <summary>How long a session the database said was live is believed without asking again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    /// <summary>Above this many sessions believed live, expired beliefs are dropped (bounded memory under many clients).</summary>
    public const int MaxLiveEntries = 1_024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> ended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> liveUntil = new(StringComparer.Ordinal);

    /// <summary>How many sessions are believed live now (for tests of the bound).</summary>
    internal int LiveEntries => liveUntil.Count;

    /// <summary>Raised with the session id when a session ends in this process.</summary>
    public event Action<string>? Ended;

    /// <summary>True when the session is known to have ended: in this process, or (after a restart, or in another process on the same database) in the database.</summary>
    public async Task<bool> HasEndedAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (ended.ContainsKey(sessionId))
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (liveUntil.TryGetValue(sessionId, out var until) && now < until)
        {
            return false;
        }

        if (!await store.HasEndedAsync(sessionId, cancellationToken).ConfigureAwait(false))
        {
            if (liveUntil.Count >= MaxLiveEntries)
            {
                foreach (var (id, expires) in liveUntil)
                {
                    if (expires <= now)
                    {
                        liveUntil.TryRemove(id, out _);
                    }
                }

                // Still full of fresh beliefs (more clients than entries within Recheck): start over rather than grow.
                if (liveUntil.Count >= MaxLiveEntries)
                {
                    liveUntil.Clear();
                }
            }

            liveUntil[sessionId] = now + Recheck;
            return false;
        }

        liveUntil.TryRemove(sessionId, out _);

        ended.TryAdd(sessionId, time.GetUtcNow());
        return true;
    }

    /// <summary>Ends the session: refused at once in this process, recorded in the database, and its open circuits are told.</summary>
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var now = time.GetUtcNow();
        foreach (var (id, at) in ended)
        {
            if (now - at > Remember)
            {
                ended.TryRemove(id, out _);
            }
        }

        ended[sessionId] = now;
        liveUntil.TryRemove(sessionId, out _);
        try
        {
            await store.EndAsync(sessionId, Remember, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Even when the database write fails, the circuits of this process must not stay open.
            Ended?.Invoke(sessionId);
        }
    }
}
