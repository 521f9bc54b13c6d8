using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Sessions;

/// <summary>
/// The signed-out login sessions, in the database so that a copy of a signed-out cookie stays refused after a restart
/// (and by every process on the same database). Rows are forgotten once a cookie of that age would have expired anyway.
/// </summary>
public sealed class EndedSessionStore(IDbContextFactory<RegurgitateDbContext> contextFactory, TimeProvider time)
{
    /// <summary>The stored form of a session id: SHA-256, upper-case hex.</summary>
    public static string Hash(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
    }

    /// <summary>Records the session as ended now and forgets sessions ended more than <paramref name="remember"/> ago.</summary>
    public async Task EndAsync(string sessionId, TimeSpan remember, CancellationToken cancellationToken)
    {
        var hash = Hash(sessionId);
        var now = time.GetUtcNow();
        var forgetBefore = now - remember;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.EndedSessions.Where(e => e.EndedAt < forgetBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (await context.EndedSessions.AnyAsync(e => e.SessionHash == hash, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        context.EndedSessions.Add(new EndedSession { SessionHash = hash, EndedAt = now });
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two sign-outs of one session at once (two tabs, or two processes): fine if the other one recorded it.
            if (!await HasEndedAsync(sessionId, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    public async Task<bool> HasEndedAsync(string sessionId, CancellationToken cancellationToken)
    {
        var hash = Hash(sessionId);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.EndedSessions.AnyAsync(e => e.SessionHash == hash, cancellationToken).ConfigureAwait(false);
    }
}
