using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Regurgitate.Web.Tests.Features.Workers;

/// <summary>
/// The real app's pipeline on Kestrel: Hangfire's dashboard answers at /hangfire only in Workers mode, and with remote
/// serving on it sends a visitor without a session to the app's sign-in like every page.
/// </summary>
public sealed class HangfireDashboardTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-hangfire-").FullName;
    private readonly string connectionString = PostgreSqlTestServer.Shared.CreateDatabase();

    public void Dispose()
    {
        PostgreSqlTestServer.Shared.DropDatabase(connectionString);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task In_workers_mode_the_job_engine_dashboard_is_served_on_loopback()
    {
        await using var app = await StartAsync(workers: true, remote: false);
        using var http = Client(app);

        using var response = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Regurgitate · job engine", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_process_mode_has_no_job_engine_dashboard()
    {
        await using var app = await StartAsync(workers: false, remote: false);
        using var http = Client(app);

        using var response = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_remote_serving_the_job_engine_dashboard_asks_for_the_apps_sign_in()
    {
        await using var app = await StartAsync(workers: true, remote: true);
        using var http = Client(app);

        using var response = await http.GetAsync(new Uri("/hangfire/jobs/enqueued", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartAsync(bool workers, bool remote)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Regurgitate.Web", ContentRootPath = root, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["ConnectionStrings:Regurgitate"] = connectionString,
            ["Regurgitate:Database:Provider"] = "PostgreSql",
            ["Regurgitate:Dispatch:Mode"] = workers ? "Workers" : "InProcess",
            ["Regurgitate:Runs:RunsDirectory"] = Path.Combine(root, "shared", "runs"),
            ["Regurgitate:Experiments:ExperimentsDirectory"] = Path.Combine(root, "shared", "experiments"),
            ["Regurgitate:Data:DatasetsDirectory"] = Path.Combine(root, "shared", "datasets"),
            ["Regurgitate:Security:AllowRemote"] = remote ? "true" : "false",
            ["Regurgitate:Security:SharedPassword"] = remote ? "a long enough shared password" : null,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddRegurgitateWebServices();

        // The pipeline and its endpoints only: no run queue or dispatcher is started.
        builder.Services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        var app = builder.Build();
        app.UseRegurgitateWeb();
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) => new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()),
    };
}
