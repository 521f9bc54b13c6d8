using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Security;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Sessions;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// The app's security pieces in an in-memory server: the real transport-security and login middleware and the real
/// <c>/login</c> and <c>/logout</c> endpoints, in the app's order, with one protected page standing in for the
/// dashboard, and the workbench's store of signed-out sessions over a SQLite file. A request's TCP peer address is
/// taken from the <see cref="PeerHeader"/> test header, which a middleware ahead of everything turns into
/// <c>Connection.RemoteIpAddress</c> (a reverse proxy's address, or a client's).
/// </summary>
public sealed partial class SecurityPipelineHost : IAsyncDisposable
{
    public const string PeerHeader = "X-Test-Peer";
    public const string ProtectedPath = "/experiments";
    public const string Host = "dashboard.example";

    /// <summary>The database's file in the state folder.</summary>
    public const string DatabaseFileName = "regurgitate.db";

    private readonly WebApplication app;

    private SecurityPipelineHost(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <param name="keysFolder">
    /// The app's state: data-protection keys and the database (signed-out sessions). Two hosts over the same folder read
    /// each other's cookies and sign-outs, like a restarted app.
    /// </param>
    public static async Task<SecurityPipelineHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string keysFolder, string environment = "Production")
    {
        Directory.CreateDirectory(keysFolder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        // The dashboard's appsettings.json (copied beside the tests) allows only loopback host names; remote serving widens it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["AllowedHosts"] = Host });
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysFolder)).SetApplicationName("regurgitate-tests");
        builder.Services.AddAntiforgery();
        // The circuit handler the login registers needs the circuit's authentication state, as in the app.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddDbContextFactory<RegurgitateDbContext>(options => options.UseSqlite($"Data Source={Path.Combine(keysFolder, DatabaseFileName)}"));
        builder.Services.AddSingleton<EndedSessionStore>();
        builder.AddRegurgitateSecurity();
        var app = builder.Build();
        await using (var context = await app.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync())
        {
            await context.Database.MigrateAsync();
        }

        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return next(context);
        });
        app.UseRegurgitateTransportSecurity();
        app.UseRegurgitateSecurity();
        app.UseAntiforgery();
        app.MapLoginEndpoints();
        app.MapGet(ProtectedPath, () => "the experiments page");
        await app.StartAsync();
        var client = app.GetTestServer().CreateClient();
        client.BaseAddress = new Uri($"http://{Host}/");
        return new SecurityPipelineHost(app, client);
    }

    /// <summary>The login form's antiforgery cookie and token, as a browser would get them.</summary>
    /// <param name="cookie">Cookies to send: with a login cookie the token is issued to the signed-in user (as on the dashboard's pages).</param>
    public async Task<LoginForm> GetLoginFormAsync(string? peer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LoginEndpoints.LoginPath);
        AddIfSet(request, PeerHeader, peer);
        AddIfSet(request, "Cookie", cookie);

        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        Assert.True(token.Success, "the login page has no antiforgery field");
        return new LoginForm(Cookies(response), token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value));
    }

    /// <summary>POSTs the login form; <paramref name="rawReturnUrl"/> goes into the body as given (already URL-encoded).</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(LoginForm form, string password, string? rawReturnUrl = null, string? peer = null, string? forwardedFor = null, string? forwardedProto = null)
    {
        var body = $"password={Uri.EscapeDataString(password)}&{Uri.EscapeDataString(form.FieldName)}={Uri.EscapeDataString(form.Token)}";
        if (rawReturnUrl is not null)
        {
            body += "&returnUrl=" + rawReturnUrl;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LoginPath)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Cookie", form.Cookie);
        AddIfSet(request, PeerHeader, peer);
        AddIfSet(request, "X-Forwarded-For", forwardedFor);
        AddIfSet(request, "X-Forwarded-Proto", forwardedProto);
        return await Client.SendAsync(request);
    }

    /// <summary>GETs the protected page with the given cookies.</summary>
    public async Task<HttpResponseMessage> GetProtectedAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtectedPath);
        request.Headers.Add("Cookie", cookie);
        return await Client.SendAsync(request);
    }

    /// <summary>The "name=value" pairs of every Set-Cookie header, joined for a Cookie header.</summary>
    public static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static void AddIfSet(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.Add(name, value);
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex TokenField();
}
