using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Mitigation;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate run spec.json</c>: executes an experiment spec headlessly into the dashboard's database, printing
/// progress, then the learning curve, the strategies (if any) and the seed plan. Running a spec whose experiment exists
/// already (same name, same spec) resumes it; Ctrl+C or SIGTERM stops it resumably within seconds (the current step
/// ends, a checkpoint is written, the run is queued again and its lease released). It executes only its own
/// experiment's runs, so a dashboard sharing the database keeps its own (<c>--all-runs</c> takes up the whole queue).
/// <c>--dry-run</c> only checks the spec and prints its plan (<see cref="RunDryRun"/>).
/// Exit codes: 0 all runs completed, 1 some run did not complete or the experiment stopped, 2 bad input.
/// </summary>
public static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var specFile = new Argument<string>("spec") { Description = "Experiment spec (JSON)." };
        var contentRoot = ContentRootOption.Create();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every run event." };
        var resolve = SeedPlanOption.Create();
        var allRuns = new Option<bool>("--all-runs") { Description = "Also execute queued runs of other experiments (by default those are left to the dashboard)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the spec against its corpus and print its plan and estimate; store and train nothing." };
        var command = new Command("run", "Run an experiment spec (grid of runs, local generators) into the dashboard's database.");
        command.Arguments.Add(specFile);
        command.Options.Add(contentRoot);
        command.Options.Add(verbose);
        command.Options.Add(resolve);
        command.Options.Add(allRuns);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(new RunRequest(parse.GetValue(specFile)!, parse.GetValue(contentRoot), parse.GetValue(verbose), parse.GetValue(resolve), parse.GetValue(allRuns), parse.GetValue(dryRun)), output, error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (specFile, contentRootOption, verbose, resolve, allRuns, dryRun) = request;
        ExperimentSpec spec;
        string contentRoot;
        if (SeedPlanOption.Problem(resolve) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return 2;
        }

        try
        {
            if (!File.Exists(specFile))
            {
                throw new FileNotFoundException($"Spec file '{Path.GetFullPath(specFile)}' does not exist.");
            }

            spec = ExperimentSpecJson.Parse(await File.ReadAllTextAsync(specFile, cancellationToken), specFile);
            contentRoot = WorkbenchHost.ResolveContentRoot(contentRootOption);
        }
        catch (Exception ex) when (ex is ExperimentSpecException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        var settings = new Dictionary<string, string?>();
        if (!allRuns)
        {
            settings[$"{RunsOptions.SectionName}:{nameof(RunsOptions.OnlyExperiment)}"] = spec.Name;
        }

        using var host = WorkbenchHost.Build(contentRoot, verbose ? LogLevel.Information : LogLevel.Warning, settings);
        if (spec.Hosted is not null)
        {
            // Not started either: hosted jobs need no database or run queue.
            return await HostedRunCommand.RunAsync(spec, host.Services, dryRun, output, error, cancellationToken);
        }

        if (dryRun)
        {
            // Not started: starting the host would migrate the database and take up queued runs.
            return await RunDryRun.CheckAsync(spec, host.Services, output, error, cancellationToken);
        }

        await host.StartAsync(cancellationToken);

        // The host's console lifetime takes SIGTERM and Ctrl+C as "stop the application": the experiment stops then,
        // the runs are left resumable when the host stops below (the command line's own token covers the rest).
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        cancellationToken = stopping.Token;
        try
        {
            var experiments = host.Services.GetRequiredService<IExperimentService>();
            var estimate = experiments.Estimate(spec);
            await output.WriteLineAsync($"Experiment '{spec.Name}': {CountText.Of(estimate.Runs, "run")} ({CountText.Of(estimate.Conditions, "condition")} × {CountText.Of(spec.Sizes.Count, "size")} × {CountText.Of(spec.Seeds.Count, "seed")}), {CountText.Of(estimate.GeneratorRuns, "generator run")}{(spec.Pretrain is { } pretrain ? $", pretraining on {pretrain.TrainSize:N0} pairs of '{pretrain.CorpusId}' scored at size 0" : string.Empty)}; estimated {Format(estimate.Duration)} on this machine.");
            // The places actually used, which configuration or environment variables may have moved from the content root.
            var folders = host.Services.GetRequiredService<ArtifactFolders>();
            var database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Describe(contentRoot);
            await output.WriteLineAsync($"Database: {database}; runs: {folders.RunsRoot}; experiments: {folders.ExperimentsRoot}");

            int id;
            try
            {
                id = await FindOrCreateAsync(host.Services, experiments, spec, output, cancellationToken);
            }
            catch (Exception ex) when (ex is ExperimentSpecException or InvalidOperationException)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }

            var clock = Stopwatch.StartNew();
            TimeSpan? lastLine = null;
            var progress = new SynchronousProgress<ExperimentProgress>(p =>
            {
                // Phase changes and finished runs always print; sub-step progress at most every 5 s.
                if (p.PhaseFraction is not null && lastLine is { } previous && clock.Elapsed - previous < TimeSpan.FromSeconds(5))
                {
                    return;
                }

                lastLine = clock.Elapsed;
                var fraction = p.PhaseFraction is { } f ? $" {f:P0}" : string.Empty;
                output.WriteLine($"[{Format(clock.Elapsed)}] {p.Phase}: {p.Message}{fraction} ({p.RunsFinished}/{p.RunsTotal} runs finished)");
            });

            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ticker = ReportActiveRunsAsync(host.Services, id, output, clock, heartbeat.Token);
            var report = await experiments.RunToCompletionAsync(id, progress, cancellationToken);
            await heartbeat.CancelAsync();
            await ticker;
            await output.WriteLineAsync($"[{Format(clock.Elapsed)}] Experiment {id} {report.Status.ToString().ToLowerInvariant()}: {report.Message}");
            await ExperimentResultsReport.PrintAsync(host.Services, id, resolve, output, cancellationToken);
            var allCompleted = report.Status == ExperimentStatus.Finished && report.Runs.All(r => r.Key == RunStatus.Completed);
            return allCompleted ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> FindOrCreateAsync(IServiceProvider services, IExperimentService experiments, ExperimentSpec spec, TextWriter output, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<IExperimentQueries>().FindByNameAsync(spec.Name, cancellationToken) is not { } existing)
        {
            return await experiments.CreateAsync(spec, cancellationToken);
        }

        // Compared as re-serialised, so that a spec stored before a field with a default existed still matches its file.
        if (existing.SpecJson is not null && ExperimentSpecJson.Serialize(ExperimentSpecJson.Parse(existing.SpecJson)) == ExperimentSpecJson.Serialize(spec))
        {
            return existing.Id;
        }

        // A spec that only adds seeds grows the stored experiment: its prepared data and completed runs are reused.
        if (existing.SpecJson is not null && SeedExtension.AddedSeeds(ExperimentSpecJson.Parse(existing.SpecJson), spec) is { Count: > 0 } added)
        {
            var newRuns = await experiments.AddSeedsAsync(existing.Id, added, cancellationToken);
            await output.WriteLineAsync($"Experiment {existing.Id} gains seed(s) {string.Join(", ", added)}: {CountText.Of(newRuns, "new run")}; its completed runs are kept.");
            return existing.Id;
        }

        throw new ExperimentSpecException([new Engine.Experiments.RunConfigError("name", $"Experiment '{spec.Name}' exists with a different spec (only added seeds can extend it); rename this one to start a new experiment.")]);
    }

    /// <summary>
    /// Each run's planned steps as soon as it has planned them (looked for every 2 s), and every 15 s one line per
    /// active run (step, phase), so a long run never looks stalled.
    /// </summary>
    private static async Task ReportActiveRunsAsync(IServiceProvider services, int experimentId, TextWriter output, Stopwatch clock, CancellationToken cancellationToken)
    {
        var queries = services.GetRequiredService<IExperimentQueries>();
        var report = new ActiveRunReport(TimeSpan.FromSeconds(15));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var detail = await queries.GetAsync(experimentId, cancellationToken);
                foreach (var line in report.Lines(detail?.Runs ?? [], clock.Elapsed))
                {
                    await output.WriteLineAsync(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The experiment ended.
        }
    }


    private static string Format(TimeSpan time) => time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss") : time.ToString(@"mm\:ss");
}
