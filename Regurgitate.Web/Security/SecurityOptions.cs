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

    /// <summary>Permit binding to non-loopback addresses (requires <see cref="SharedPassword"/>); turns the login on.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// Secret. Supply it through user-secrets or the environment (<c>Regurgitate__Security__SharedPassword</c>), never
    /// in a committed file. It is never logged or shown.
    /// </summary>
    public string? SharedPassword { get; set; }
}
