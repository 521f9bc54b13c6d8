using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench;

namespace Regurgitate.Web.Tests.Archives;

/// <summary>The download endpoint on real Kestrel (which refuses synchronous IO unless allowed), in process.</summary>
public sealed class ArchiveEndpointTests
{
    [Fact]
    public async Task The_archive_streams_from_Kestrel_as_an_attachment_and_an_unknown_experiment_is_404()
    {
        using var workbench = await ArchiveWorkbench.CreateAsync();
        var experimentId = await workbench.SeedAsync(runs: 2, pointsPerRun: 200);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = workbench.Root, EnvironmentName = "Test" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Regurgitate"] = "Data Source=App_Data/test.db" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRegurgitateWorkbench(builder.Configuration, workbench.Root);
        // Only the endpoint's own services are needed; no hosted service (the run queue) is started.
        builder.Services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
        await using var app = builder.Build();
        app.MapExperimentArchiveEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await http.GetAsync(new Uri(ExperimentArchiveEndpoints.ArchiveUrl(experimentId, checkpoints: true), UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("archive-toy.regurgitate.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "runs/2/checkpoints/step-00000010.pt");
            Assert.Equal("manifest.json", zip.Entries[^1].FullName);
        }

        using var missing = await http.GetAsync(new Uri("/experiments/999/archive", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        await app.StopAsync();
    }
}
