using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Regurgitate.Web.Security;

/// <summary>
/// What every response carries and how the client is identified behind a reverse proxy: forwarded headers from the
/// configured proxies only, HSTS over HTTPS outside Development, and the security headers (CSP with a per-request
/// nonce, no framing, no MIME sniffing, no cross-origin referrer).
/// </summary>
public static class TransportSecurity
{
    private static readonly object NonceKey = new();

    /// <summary>
    /// The policy. Scripts only from this origin (plus the nonce, which the inline import map carries); inline styles are
    /// allowed because MudBlazor and Plotly set style attributes and style elements at run time; images may be data: and
    /// blob: URLs (Plotly's PNG/SVG export); the Blazor circuit's WebSocket is same-origin ('self' covers ws/wss).
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; "
        + $"script-src 'self' 'nonce-{nonce}'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; "
        + "font-src 'self' data:; "
        + "connect-src 'self'; "
        + "object-src 'none'; "
        + "base-uri 'self'; "
        + "form-action 'self'; "
        + "frame-ancestors 'none'";

    /// <summary>The nonce of this request's Content-Security-Policy, for an inline script the page must run.</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceKey] as string
            ?? throw new InvalidOperationException("No CSP nonce: UseRegurgitateTransportSecurity must run before the page.");
    }

    /// <summary>Binds forwarded-header handling to exactly the configured proxies (the framework's loopback defaults are removed).</summary>
    public static IServiceCollection AddRegurgitateForwardedHeaders(this IServiceCollection services, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>First in the pipeline, so that everything after it sees the real client, scheme and headers.</summary>
    public static WebApplication UseRegurgitateTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.BehindProxy)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // Only sent on HTTPS requests (and not for localhost), so plain loopback serving is unaffected.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // Set when the response starts, so that error pages and re-executed status pages (which clear headers) keep them.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
