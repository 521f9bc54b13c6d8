using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Regurgitate.Web.Security;

/// <summary>
/// The login used when remote serving is allowed: a plain HTML password form (antiforgery token included) at
/// <c>/login</c>, its POST, and <c>/logout</c>. Deliberately outside Blazor so it works before any circuit exists.
/// </summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";

    public static void MapLoginEndpoints(this WebApplication app)
    {
        app.MapGet(LoginPath, (HttpContext context, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
            Page(context, antiforgery, returnUrl, error: null, HttpStatusCode.OK)).AllowAnonymous();

        // Form binding makes the endpoint validate the antiforgery token (UseAntiforgery is in the pipeline).
        app.MapPost(LoginPath, LoginAsync).AllowAnonymous();

        app.MapPost(LogoutPath, LogoutAsync);
    }

    /// <summary>
    /// Ends the session: the cookie is removed, a copy of it is refused from now on (also after a restart), and open
    /// circuits of the session are sent to the login page and closed (<see cref="SessionCircuitHandler"/>). The
    /// antiforgery token is checked explicitly because the form carries no other field.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery, SessionRegistry sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        if (SessionClaims.SessionId(context.User) is { } sessionId)
        {
            // Not the request's token: a sign-out is carried out even when the browser stops waiting for it.
            await sessions.EndAsync(sessionId, CancellationToken.None);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(LoginPath);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IOptions<SecurityOptions> options,
        LoginThrottle throttle,
        ILoggerFactory loggers,
        TimeProvider time,
        [FromForm] string? password,
        [FromForm] string? returnUrl)
    {
        var logger = loggers.CreateLogger(typeof(LoginEndpoints).FullName!);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = throttle.RetryAfter(client);
        if (wait > TimeSpan.Zero)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page(context, antiforgery, returnUrl, $"Too many failed attempts. Try again in {Math.Ceiling(wait.TotalSeconds)} s.", HttpStatusCode.TooManyRequests);
        }

        if (!SharedPasswordCheck.Matches(password, options.Value.SharedPassword))
        {
            throttle.Failed(client);
            LogFailed(logger, client);
            await Task.Delay(TimeSpan.FromMilliseconds(300), time);
            return Page(context, antiforgery, returnUrl, "Wrong password.", HttpStatusCode.Unauthorized);
        }

        throttle.Succeeded(client);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.NewSession(options.Value.SharedPassword!));
        LogSucceeded(logger, client);
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    /// <summary>
    /// The framework's rule: "/x" and "~/x", but not "//host", "/\\host" or a path with control characters (browsers drop
    /// a tab or newline, so "/\t/host" would become "//host").
    /// </summary>
    internal static bool IsLocal([NotNullWhen(true)] string? url) => RedirectHttpResult.IsLocalUrl(url);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, HttpStatusCode status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var errorHtml = error is null ? "" : $"<p class=\"error\" role=\"alert\" data-testid=\"login-error\">{html.Encode(error)}</p>";
        var body = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>Sign in · Regurgitate</title>
            <style>
            body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; background: #f5f5f5; }
            form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.2); display: grid; gap: .75rem; min-width: 18rem; }
            .error { color: #b00020; margin: 0; }
            </style>
            </head>
            <body>
            <form method="post" action="{{LoginPath}}">
            <h1>Regurgitate</h1>
            {{errorHtml}}
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required autofocus />
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}" />
            <input type="hidden" name="returnUrl" value="{{html.Encode(IsLocal(returnUrl) ? returnUrl : "/")}}" />
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(body, "text/html; charset=utf-8", statusCode: (int)status);
    }

    private static void LogFailed(ILogger logger, string client) => FailedMessage(logger, client, null);

    private static void LogSucceeded(ILogger logger, string client) => SucceededMessage(logger, client, null);

    private static readonly Action<ILogger, string, Exception?> FailedMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1, "LoginFailed"), "Failed dashboard login from {Client}.");

    private static readonly Action<ILogger, string, Exception?> SucceededMessage =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(2, "LoginSucceeded"), "Dashboard login from {Client}.");
}
