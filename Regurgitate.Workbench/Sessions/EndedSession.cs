namespace Regurgitate.Workbench.Sessions;

/// <summary>
/// A dashboard login session that was signed out. Only a hash of the session id is kept, so the table cannot be used
/// to forge a cookie (the id alone is not a cookie, but it need not be on disk either).
/// </summary>
public sealed class EndedSession
{
    /// <summary>SHA-256 of the session id, upper-case hex (64 characters).</summary>
    public required string SessionHash { get; set; }

    public DateTimeOffset EndedAt { get; set; }
}
