using System.Net;
using Regurgitate.Web.Security;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Security;

/// <summary>
/// Issue 19: the login, headers and proxy handling through the real middleware and endpoints (in-memory server):
/// no open redirect after login, security headers on every response, forwarded headers believed only from configured
/// proxies, a cookie issued under an old password refused after a restart with a new one, and a signed-out cookie
/// refused after a restart too.
/// </summary>
public sealed class RemoteServingTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly TempDatabase folder = new();

    private string Keys => Path.Combine(folder.Folder, "keys");

    public void Dispose() => folder.Dispose();

    private static Dictionary<string, string?> Settings(string password = Password, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            [SecurityOptions.AllowRemoteKey] = "true",
            [SecurityOptions.SharedPasswordKey] = password,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%0D%0A%2Fevil.example")]
    [InlineData("%252F%252Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example%2F")]
    [InlineData("~%2F%2Fevil.example")]
    public async Task After_login_a_return_url_to_another_host_is_replaced_by_the_home_page(string rawReturnUrl)
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(), Keys);
        var form = await host.GetLoginFormAsync();

        using var response = await host.PostLoginAsync(form, Password, rawReturnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task After_login_a_local_return_url_is_followed_and_the_form_never_echoes_a_foreign_one()
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(), Keys);
        var form = await host.GetLoginFormAsync();

        using var response = await host.PostLoginAsync(form, Password, "%2Fexperiments%3Fpage%3D2");
        Assert.Equal("/experiments?page=2", response.Headers.Location?.OriginalString);

        var page = await host.Client.GetStringAsync(new Uri("/login?returnUrl=/%09/evil.example", UriKind.Relative));
        Assert.Contains("name=\"returnUrl\" value=\"/\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(), Keys);
        foreach (var path in new[] { "/login", SecurityPipelineHost.ProtectedPath, "/no-such-page" })
        {
            using var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path}: HSTS over plain http");
        }
    }

    [Theory]
    [InlineData("Production", "https://dashboard.example/login", true)]
    [InlineData("Production", "http://dashboard.example/login", false)]
    [InlineData("Development", "https://dashboard.example/login", false)]
    public async Task Hsts_is_sent_over_https_outside_development(string environment, string url, bool expected)
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(), Keys, environment);

        using var response = await host.Client.GetAsync(new Uri(url));

        Assert.Equal(expected, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_lockout_counts_the_forwarded_client_and_the_cookie_is_secure()
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(more: (SecurityOptions.KnownProxiesKey + ":0", "10.0.0.2")), Keys);
        var form = await host.GetLoginFormAsync();
        for (var i = 0; i <= LoginThrottle.FreeAttempts; i++)
        {
            using var failed = await host.PostLoginAsync(form, "wrong password", peer: "10.0.0.2", forwardedFor: "203.0.113.7");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using (var locked = await host.PostLoginAsync(form, Password, peer: "10.0.0.2", forwardedFor: "203.0.113.7"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }

        using var other = await host.PostLoginAsync(form, Password, peer: "10.0.0.2", forwardedFor: "203.0.113.8", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        var authCookie = Assert.Single(other.Headers.GetValues("Set-Cookie"), c => c.StartsWith("regurgitate-auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_peer_are_ignored()
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(more: (SecurityOptions.KnownProxiesKey + ":0", "10.0.0.2")), Keys);
        var form = await host.GetLoginFormAsync();
        for (var i = 0; i <= LoginThrottle.FreeAttempts; i++)
        {
            // An attacker rotating X-Forwarded-For to dodge the lockout.
            using var failed = await host.PostLoginAsync(form, "wrong password", peer: "198.51.100.9", forwardedFor: $"203.0.113.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await host.PostLoginAsync(form, Password, peer: "198.51.100.9", forwardedFor: "203.0.113.200", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Without_configured_proxies_even_loopback_forwarded_headers_are_ignored()
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(), Keys);
        var form = await host.GetLoginFormAsync();
        for (var i = 0; i <= LoginThrottle.FreeAttempts; i++)
        {
            using var failed = await host.PostLoginAsync(form, "wrong password", peer: "127.0.0.1", forwardedFor: $"203.0.113.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await host.PostLoginAsync(form, Password, peer: "127.0.0.1", forwardedFor: "203.0.113.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task A_cookie_issued_under_the_old_password_is_refused_after_a_restart_with_a_new_one()
    {
        string cookie;
        await using (var before = await SecurityPipelineHost.StartAsync(Settings(), Keys))
        {
            var form = await before.GetLoginFormAsync();
            using var login = await before.PostLoginAsync(form, Password);
            cookie = SecurityPipelineHost.Cookies(login);
            using var page = await before.GetProtectedAsync(cookie);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await using (var same = await SecurityPipelineHost.StartAsync(Settings(), Keys))
        {
            using var page = await same.GetProtectedAsync(cookie);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await using var changed = await SecurityPipelineHost.StartAsync(Settings("a different password 42"), Keys);
        using var refused = await changed.GetProtectedAsync(cookie);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login", refused.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_and_then_a_copy_of_the_cookie_is_refused()
    {
        await using var host = await SecurityPipelineHost.StartAsync(Settings(), Keys);
        var form = await host.GetLoginFormAsync();
        using var login = await host.PostLoginAsync(form, Password);
        var cookies = form.Cookie + "; " + SecurityPipelineHost.Cookies(login);

        using (var forged = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LogoutPath) { Content = new FormUrlEncodedContent([]) })
        {
            forged.Headers.Add("Cookie", cookies);
            using var response = await host.Client.SendAsync(forged);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var stillIn = await host.GetProtectedAsync(cookies))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        // Antiforgery tokens are bound to the user: the dashboard's pages issue the sign-out token after login.
        var signedIn = await host.GetLoginFormAsync(cookie: cookies);
        using (var logout = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LogoutPath) { Content = new FormUrlEncodedContent([new(signedIn.FieldName, signedIn.Token)]) })
        {
            logout.Headers.Add("Cookie", cookies);
            using var response = await host.Client.SendAsync(logout);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using var copy = await host.GetProtectedAsync(cookies);
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
    }

    [Fact]
    public async Task A_signed_out_cookie_stays_refused_after_a_restart_while_another_session_stays_signed_in()
    {
        string signedOut;
        string other;
        await using (var before = await SecurityPipelineHost.StartAsync(Settings(), Keys))
        {
            signedOut = await SignInAsync(before);
            other = await SignInAsync(before);
            var signedIn = await before.GetLoginFormAsync(cookie: signedOut);
            using var logout = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LogoutPath) { Content = new FormUrlEncodedContent([new(signedIn.FieldName, signedIn.Token)]) };
            logout.Headers.Add("Cookie", signedOut);
            using var response = await before.Client.SendAsync(logout);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var after = await SecurityPipelineHost.StartAsync(Settings(), Keys);
        using (var copy = await after.GetProtectedAsync(signedOut))
        {
            Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
            Assert.StartsWith("/login", copy.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }

        using var stillIn = await after.GetProtectedAsync(other);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    /// <summary>Logs in and returns the cookies a browser would then send (antiforgery and login).</summary>
    private static async Task<string> SignInAsync(SecurityPipelineHost host)
    {
        var form = await host.GetLoginFormAsync();
        using var login = await host.PostLoginAsync(form, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return form.Cookie + "; " + SecurityPipelineHost.Cookies(login);
    }

    [Fact]
    public void Bad_proxy_settings_stop_the_start_naming_each_key()
    {
        var settings = Settings(more: [(SecurityOptions.KnownProxiesKey + ":0", "10.0.0.300"), (SecurityOptions.KnownNetworksKey + ":0", "10.0.0.0/33")]);
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, settings);

        var error = Assert.Throws<InsecureBindingException>(() => builder.AddRegurgitateSecurity());

        Assert.Contains("Regurgitate:Security:KnownProxies:0 must be an IP address", error.Message, StringComparison.Ordinal);
        Assert.Contains("'10.0.0.300'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Regurgitate:Security:KnownNetworks:0 must be a network in CIDR notation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_without_a_login_is_refused()
    {
        var options = new SecurityOptions();
        options.KnownProxies.Add("127.0.0.1");

        var errors = SecurityOptionsValidator.Errors(options);

        Assert.Contains(errors, e => e.Contains(SecurityOptions.AllowRemoteKey, StringComparison.Ordinal) && e.Contains("proxy", StringComparison.Ordinal));
    }
}
