namespace Regurgitate.Web.Security;

/// <summary>
/// Who may reach the dashboard, bound from <c>Regurgitate:Security</c>. By default the app serves loopback addresses
/// only and asks for no login. Serving any other interface needs <see cref="AllowRemote"/> and a
/// <see cref="SharedPassword"/>, and then every page asks for that password.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Regurgitate:Security";

    public const int MinimumPasswordLength = 12;

    public const string AllowRemoteKey = SectionName + ":" + nameof(AllowRemote);

    public const string SharedPasswordKey = SectionName + ":" + nameof(SharedPassword);

    public const string KnownProxiesKey = SectionName + ":" + nameof(KnownProxies);

    public const string KnownNetworksKey = SectionName + ":" + nameof(KnownNetworks);

    /// <summary>Permit binding to non-loopback addresses (requires <see cref="SharedPassword"/>); turns the login on.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// Secret. Supply it through user-secrets or the environment (<c>Regurgitate__Security__SharedPassword</c>), never
    /// in a committed file. It is never logged or shown.
    /// </summary>
    public string? SharedPassword { get; set; }

    /// <summary>
    /// Addresses of reverse proxies (e.g. <c>10.0.0.2</c>) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// are believed, so that the login lockout counts the real client and Secure cookies and HSTS follow the client's
    /// scheme. Empty (the default): forwarded headers are ignored from everyone, loopback included.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Like <see cref="KnownProxies"/>, as networks in CIDR notation (e.g. <c>10.0.0.0/24</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>True when a reverse proxy is configured, i.e. other machines reach the dashboard through it.</summary>
    public bool BehindProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
