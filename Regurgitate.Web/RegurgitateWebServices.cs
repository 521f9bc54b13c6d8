using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Regurgitate.Engine;
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

        services.AddRegurgitateEngine(configuration, builder.Environment.ContentRootPath);
        return builder;
    }

}
