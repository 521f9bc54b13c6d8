using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Data;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate worker --devices cpu|cuda:0,cuda:1 [--artifact-root PATH] [--connection ...]</c>: joins the job engine
/// of a dashboard in Workers mode (<c>Regurgitate:Dispatch:Mode</c>) from any host that reaches its PostgreSQL server
/// and its shared artifact root, and trains the runs Hangfire hands it, one per device slot, until Ctrl+C or SIGTERM
/// (a run stopped then writes a checkpoint and is queued again for another worker). Its log lines carry the run id.
/// Exit codes: 0 stopped, 2 bad configuration.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(TextWriter output, TextWriter error) => Create(output, error, services: null);

    /// <summary>
    /// The same command with <paramref name="services"/> registered after the workbench's. Only code that composes its own
    /// worker calls this (the dispatch benchmark's worker, whose runs sleep instead of training); the command line cannot reach it.
    /// </summary>
    public static Command Create(TextWriter output, TextWriter error, Action<IServiceCollection>? services)
    {
        var contentRoot = ContentRootOption.Create();
        var devices = new Option<string>("--devices") { Description = "Device slots, one run on each at a time: cpu, or cuda:0,cuda:1 (default: cpu).", DefaultValueFactory = _ => "cpu" };
        var artifactRoot = new Option<string?>("--artifact-root") { Description = "The artifact root every host shares (runs/, experiments/, datasets/ under it); default: the folders the configuration names." };
        var connection = new Option<string?>("--connection") { Description = "The PostgreSQL connection string (default: ConnectionStrings:Regurgitate from the configuration)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log debug detail too (by default: each run's start, checkpoints and end, and warnings)." };
        var command = new Command("worker", "Train runs dispatched by a dashboard in Workers mode (Hangfire on PostgreSQL), one per device slot.");
        command.Options.Add(contentRoot);
        command.Options.Add(devices);
        command.Options.Add(artifactRoot);
        command.Options.Add(connection);
        command.Options.Add(verbose);
        command.SetAction(async (parse, cancellationToken) => await RunAsync(
            parse.GetValue(contentRoot), parse.GetValue(devices)!, parse.GetValue(artifactRoot), parse.GetValue(connection), parse.GetValue(verbose), services, output, error, cancellationToken));
        return command;
    }

    /// <summary>The configuration a worker adds over the content root's: Workers mode, its devices, and the shared folders.</summary>
    public static Dictionary<string, string?> Settings(string devices, string? artifactRoot, string? connection)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{DispatchOptions.SectionName}:{nameof(DispatchOptions.Mode)}"] = nameof(DispatchMode.Workers),
            [$"{DispatchOptions.SectionName}:{nameof(DispatchOptions.Devices)}"] = devices,
        };
        if (connection is not null)
        {
            settings[DatabaseOptions.ConfigurationKey] = connection;
            settings[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.PostgreSql);
        }

        if (artifactRoot is not null)
        {
            // The same three settings the dashboard reads, so both name the same folders however the root is mounted here.
            var root = Path.GetFullPath(artifactRoot);
            settings[$"{RunsOptions.SectionName}:{nameof(RunsOptions.RunsDirectory)}"] = Path.Combine(root, "runs");
            settings[$"{ExperimentsOptions.SectionName}:{nameof(ExperimentsOptions.ExperimentsDirectory)}"] = Path.Combine(root, "experiments");
            settings[$"{DataOptions.SectionName}:{nameof(DataOptions.DatasetsDirectory)}"] = Path.Combine(root, "datasets");
        }

        return settings;
    }

    private static async Task<int> RunAsync(string? contentRootOption, string devices, string? artifactRoot, string? connection, bool verbose, Action<IServiceCollection>? services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string contentRoot;
        try
        {
            contentRoot = WorkbenchHost.ResolveContentRoot(contentRootOption);
        }
        catch (DirectoryNotFoundException) when (contentRootOption is null)
        {
            // A worker host needs no dashboard checkout: its settings can all come from options and the environment.
            contentRoot = Directory.GetCurrentDirectory();
        }
        catch (DirectoryNotFoundException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        using var host = WorkbenchHost.Build(contentRoot, verbose ? LogLevel.Debug : LogLevel.Information, Settings(devices, artifactRoot, connection), WorkbenchRole.Worker, services);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync(string.Join(Environment.NewLine, ex.Failures));
            return 2;
        }

        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        var owner = host.Services.GetRequiredService<RunOwner>();
        var database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Describe(contentRoot);
        await output.WriteLineAsync($"Worker {owner.Id} joined: devices {string.Join(", ", host.Services.GetRequiredService<WorkerDevices>().All)}; database: {database}; runs: {folders.RunsRoot}; experiments: {folders.ExperimentsRoot}");
        await output.FlushAsync(cancellationToken);
        try
        {
            await host.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        await output.WriteLineAsync($"Worker {owner.Id} stopped.");
        return 0;
    }
}
