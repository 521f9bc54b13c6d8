using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Regurgitate.Workbench;
using Regurgitate.Workbench.Dispatch;

namespace Regurgitate.Cli.Hosting;

/// <summary>
/// The workbench hosted without the web server, on the dashboard's own configuration and content root, so that the
/// command line reads and writes the same database, runs folder and datasets as the dashboard.
/// </summary>
internal static class WorkbenchHost
{
    public const string ContentRootVariable = "REGURGITATE_CONTENT_ROOT";

    public static IHost Build(string contentRoot, LogLevel minimumLevel) => Build(contentRoot, minimumLevel, new Dictionary<string, string?>());

    /// <summary>The workbench with <paramref name="settings"/> over the dashboard's configuration (e.g. a queue filter).</summary>
    public static IHost Build(string contentRoot, LogLevel minimumLevel, IReadOnlyDictionary<string, string?> settings) =>
        Build(contentRoot, minimumLevel, settings, WorkbenchRole.Dashboard);

    /// <summary>
    /// As above, for a process in <paramref name="role"/> (a worker's log lines carry the run they belong to), with
    /// <paramref name="services"/> registered after the workbench's when given (a benchmark's worker replaces the run executor).
    /// </summary>
    public static IHost Build(string contentRoot, LogLevel minimumLevel, IReadOnlyDictionary<string, string?> settings, WorkbenchRole role, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.Configuration.AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true);
        // The dashboard's user-secrets store (both projects share one UserSecretsId), read in every environment: the
        // command line is run by the same user from the same checkout as the dashboard, and the README promises that a
        // key set once with `dotnet user-secrets` serves both. The environment still overrides it.
        builder.Configuration.AddUserSecrets(typeof(WorkbenchHost).Assembly, optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = role == WorkbenchRole.Worker;
        });
        builder.Logging.SetMinimumLevel(minimumLevel);

        // The dashboard's appsettings.json sets Logging:LogLevel:Default to Information for the web app; read here it
        // would put the workbench's progress lines between the command's results. The command line decides the
        // console's level (console rules beat the configuration's provider-less ones), and framework categories stay
        // at Warning or above even with --verbose, as in the dashboard.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, minimumLevel);
        builder.Logging.AddFilter<ConsoleLoggerProvider>("Microsoft", minimumLevel > LogLevel.Warning ? minimumLevel : LogLevel.Warning);
        builder.Services.AddRegurgitateWorkbench(builder.Configuration, contentRoot, role);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The dashboard's content root: the explicit option, else <see cref="ContentRootVariable"/>, else the
    /// <c>Regurgitate.Web</c> folder found above the current directory or above this program.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">None of them exists; the message says how to point at it.</exception>
    public static string ResolveContentRoot(string? option)
    {
        var explicitRoot = option ?? Environment.GetEnvironmentVariable(ContentRootVariable);
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot);
            return Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"The content root '{full}' does not exist.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "Regurgitate.Web");
                if (File.Exists(Path.Combine(candidate, "appsettings.json")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find the dashboard's folder (Regurgitate.Web with its appsettings.json) above '{Directory.GetCurrentDirectory()}'. "
            + $"Pass --content-root or set {ContentRootVariable}.");
    }
}
