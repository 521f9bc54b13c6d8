using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Regurgitate.Engine.Data;
using Regurgitate.Web.Execution;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Persistence;

namespace Regurgitate.Web;

/// <summary>The web application's composition root.</summary>
public static class RegurgitateWebServices
{
    public static WebApplicationBuilder AddRegurgitateWebServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddDbContextFactory<RegurgitateDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!;
            var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            options.UseSqlite(SqliteConnectionStrings.ResolveAndPrepare(connectionString, contentRoot));
        });

        services.AddOptions<RunsOptions>().Bind(configuration.GetSection(RunsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunsOptions>, RunsOptionsValidator>();

        // Registration order is start-up order: the schema and the settling of interrupted runs come before any new run.
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<IRunLauncher>(provider => provider.GetRequiredService<RunCoordinator>());
        services.AddSingleton<IRunMonitor>(provider => provider.GetRequiredService<RunCoordinator>());
        services.AddHostedService(provider => provider.GetRequiredService<RunCoordinator>());
        services.AddSingleton<IRunQueries, RunQueries>();

        AddEngine(services, configuration, builder.Environment);
        return builder;
    }

    /// <summary>
    /// ENGINE SWAP POINT: the only place that registers engine services. Once
    /// <c>Regurgitate.Engine.EngineServiceCollectionExtensions.AddRegurgitateEngine</c> lands, replace this body with
    /// <c>services.AddRegurgitateEngine(configuration);</c>. Until then no <c>IExperimentRunner</c> is registered and
    /// every run ends as Failed with a message that says so.
    /// </summary>
    private static void AddEngine(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DataOptions>()
            .Bind(configuration.GetSection(DataOptions.SectionName))
            .PostConfigure(o => o.DataDirectory = Path.GetFullPath(o.DataDirectory, environment.ContentRootPath));
    }
}
