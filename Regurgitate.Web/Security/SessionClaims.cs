using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Regurgitate.Web.Security;

/// <summary>
/// The claims that tie a login cookie to a session and to the password it was issued under. The stamp is an HMAC of a
/// fixed label keyed with the password, so it reveals nothing about the password, yet a cookie issued before the
/// password changed no longer matches.
/// </summary>
public static class SessionClaims
{
    public const string SessionIdType = "regurgitate:session";
    public const string PasswordStampType = "regurgitate:password-stamp";

    public static string PasswordStamp(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(password), "regurgitate session stamp v1"u8));
    }

    public static ClaimsPrincipal NewSession(string password)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "dashboard"),
                new Claim(SessionIdType, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))),
                new Claim(PasswordStampType, PasswordStamp(password)),
            ],
            Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }

    public static string? SessionId(ClaimsPrincipal? principal) => principal?.FindFirst(SessionIdType)?.Value;
}
