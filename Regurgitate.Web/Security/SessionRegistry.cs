using System.Collections.Concurrent;
using Regurgitate.Workbench.Sessions;

namespace Regurgitate.Web.Security;

/// <summary>
/// Sessions ended by signing out. They are written to the database (<see cref="EndedSessionStore"/>), so a copy of a
/// signed-out cookie stays refused after a restart; sessions that ended in this process are also kept in memory, so
/// the check of a known ended session costs no query. Open circuits of a session are told through <see cref="Ended"/>.
/// </summary>
public sealed class SessionRegistry(EndedSessionStore store, TimeProvider time)
{
    /// <summary>After this a cookie has expired by itself, so its session need not be remembered.</summary>
    public static readonly TimeSpan Remember = SecurityServiceCollectionExtensions.CookieLifetime;

    private readonly ConcurrentDictionary<string, DateTimeOffset> ended = new(StringComparer.Ordinal);

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

        if (!await store.HasEndedAsync(sessionId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

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
