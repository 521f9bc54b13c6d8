using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Regurgitate.Web.Security;

/// <summary>
/// Checks every authenticated request's cookie: it must carry a session that was not signed out and the stamp of
/// the current shared password. Changing the password (and restarting) therefore signs everybody out; a signed-out
/// session stays refused after a restart, since <see cref="SessionRegistry"/> reads the database.
/// </summary>
public sealed class SessionCookieEvents(IOptions<SecurityOptions> options, SessionRegistry sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var sessionId = SessionClaims.SessionId(principal);
        var stamp = principal?.FindFirst(SessionClaims.PasswordStampType)?.Value;
        var password = options.Value.SharedPassword;
        var valid = sessionId is not null
            && stamp is not null
            && !string.IsNullOrEmpty(password)
            && string.Equals(stamp, SessionClaims.PasswordStamp(password), StringComparison.Ordinal)
            && !await sessions.HasEndedAsync(sessionId, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
