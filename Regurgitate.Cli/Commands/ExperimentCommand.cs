using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate experiment report ID</c> prints an experiment's results;
/// <c>regurgitate experiment export ID -o FILE</c> and <c>regurgitate experiment import FILE</c>: move an experiment
/// (spec, runs, metric points, test outputs, learning curve) between machines as one zip. Progress goes to stderr, the
/// result to stdout. Exit codes: 0 done, 2 refused (no such experiment, bad or unsafe archive; nothing was changed).
/// The host is built but never started: starting it would take up the durable run queue and train queued runs.
/// </summary>
public static class ExperimentCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("experiment", "Print an experiment's results, export it as an archive, or import one.");
        command.Subcommands.Add(CreateReport(output, error));
        command.Subcommands.Add(CreateExport(output, error));
        command.Subcommands.Add(CreateImport(output, error));
        return command;
    }

    private static Command CreateReport(TextWriter output, TextWriter error)
    {
        var id = new Argument<int>("id") { Description = "The experiment's id (as on its page, /experiments/ID)." };
        var resolve = SeedPlanOption.Create();
        var contentRoot = ContentRootOption.Create();
        var command = new Command("report", "Print an experiment's results as `regurgitate run` does at its end; while it runs, from its completed runs. Starts nothing.");
        command.Arguments.Add(id);
        command.Options.Add(resolve);
        command.Options.Add(contentRoot);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var difference = parse.GetValue(resolve);
            if (SeedPlanOption.Problem(difference) is { } problem)
            {
                await error.WriteLineAsync(problem);
                return 2;
            }

            var missing = false;
            var code = await RunAsync(parse.GetValue(contentRoot), error, async services =>
            {
                var experimentId = parse.GetValue(id);
                if (await services.GetRequiredService<IExperimentQueries>().GetAsync(experimentId, cancellationToken) is not { } detail)
                {
                    await error.WriteLineAsync($"There is no experiment {experimentId} in this database.");
                    missing = true;
                    return;
                }

                var grid = detail.Runs.Where(r => r.Role == RunRole.Grid).ToList();
                await output.WriteLineAsync($"Experiment {detail.Id} '{detail.Name}': {detail.Status}; {grid.Count(r => r.Status == RunStatus.Completed)} of {grid.Count} grid runs completed.");
                await ExperimentResultsReport.PrintAsync(services, experimentId, difference, output, cancellationToken);
            }, cancellationToken);
            return missing ? 2 : code;
        });
        return command;
    }

    private static Command CreateExport(TextWriter output, TextWriter error)
    {
        var id = new Argument<int>("id") { Description = "The experiment's id (as on its page, /experiments/ID)." };
        var file = new Option<string>("--output", "-o") { Description = "The archive to write (.zip).", Required = true };
        var checkpoints = new Option<bool>("--checkpoints") { Description = "Also include each run's final checkpoint and tokenizer, so runs can decode again (large)." };
        var contentRoot = ContentRootOption.Create();
        var command = new Command("export", "Write an experiment (spec, runs, metric points, test outputs, learning curve) to one zip archive.");
        command.Arguments.Add(id);
        command.Options.Add(file);
        command.Options.Add(checkpoints);
        command.Options.Add(contentRoot);
        command.SetAction(async (parse, cancellationToken) => await RunAsync(parse.GetValue(contentRoot), error, async services =>
        {
            var clock = Stopwatch.StartNew();
            var path = Path.GetFullPath(parse.GetValue(file)!);
            var result = await services.GetRequiredService<ExperimentArchiveWriter>()
                .ExportToFileAsync(parse.GetValue(id), path, parse.GetValue(checkpoints), Progress(error), cancellationToken);
            await output.WriteLineAsync($"Exported experiment '{result.ExperimentName}' ({result.Runs} runs, {result.MetricPoints:N0} metric points, {result.Entries} entries) to {path} in {clock.Elapsed.TotalSeconds:0.0} s.");
        }, cancellationToken));
        return command;
    }

    private static Command CreateImport(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The archive to import (.zip)." };
        var contentRoot = ContentRootOption.Create();
        var command = new Command("import", "Import an experiment archive as a new experiment (imported runs never start by themselves).");
        command.Arguments.Add(file);
        command.Options.Add(contentRoot);
        command.SetAction(async (parse, cancellationToken) => await RunAsync(parse.GetValue(contentRoot), error, async services =>
        {
            var clock = Stopwatch.StartNew();
            var result = await services.GetRequiredService<ExperimentArchiveImporter>().ImportFileAsync(parse.GetValue(file)!, Progress(error), cancellationToken);
            await output.WriteLineAsync($"Imported experiment {result.ExperimentId} '{result.ExperimentName}' ({result.Runs} runs, {result.MetricPoints:N0} metric points) in {clock.Elapsed.TotalSeconds:0.0} s.");
        }, cancellationToken));
        return command;
    }


    private static SynchronousProgress<ArchiveProgress> Progress(TextWriter error) =>
        new(p => error.WriteLine(p.Total > 0 ? $"{p.Message} ({p.Done}/{p.Total})" : p.Message));

    private static async Task<int> RunAsync(string? contentRootOption, TextWriter error, Func<IServiceProvider, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            using var host = WorkbenchHost.Build(WorkbenchHost.ResolveContentRoot(contentRootOption), LogLevel.Warning);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);

            await action(host.Services);
            return 0;
        }
        catch (Exception ex) when (ex is ExperimentArchiveException or OptionsValidationException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
