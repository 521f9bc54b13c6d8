using System.Collections.Concurrent;

namespace Regurgitate.Web.Security;

/// <summary>
/// Sessions ended by signing out. A copy of a signed-out cookie is refused from then on (until the app restarts, when
/// every open circuit ends anyway), and open circuits of that session are told through <see cref="Ended"/>.
/// </summary>
public sealed class SessionRegistry(TimeProvider time)
{
    /// <summary>After this a cookie has expired by itself, so its session need not be remembered.</summary>
    public static readonly TimeSpan Remember = SecurityServiceCollectionExtensions.CookieLifetime;

    private readonly ConcurrentDictionary<string, DateTimeOffset> ended = new(StringComparer.Ordinal);

    /// <summary>Raised with the session id when a session ends.</summary>
    public event Action<string>? Ended;

    public bool HasEnded(string sessionId) => ended.ContainsKey(sessionId);

    public void End(string sessionId)
    {
        var now = time.GetUtcNow();
        foreach (var (id, at) in ended)
        {
            if (now - at > Remember)
            {
                ended.TryRemove(id, out _);
            }
        }

        ended[sessionId] = now;
        Ended?.Invoke(sessionId);
    }
}
