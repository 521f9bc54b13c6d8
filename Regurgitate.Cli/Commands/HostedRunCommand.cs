using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Hosted;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Folders;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// <c>regurgitate run</c> of a spec with a <c>hosted</c> section: prints the cost estimate, fine-tunes every grid point
/// on the provider configured under <c>Regurgitate:HostedFineTuning</c> (resuming any journalled upload or job),
/// scores each fine-tuned model and the base model through <c>Regurgitate:Llm</c>'s endpoint, and prints the learning
/// curve. The journals live in <c>hosted-&lt;name&gt;</c> under the experiments folder. Nothing is written to the
/// dashboard's database (the dashboard runs a hosted spec as an experiment of hosted runs instead, see
/// <c>HostedPreparation</c>). <c>--dry-run</c> stops after the estimate and leaves no journal behind. Exit codes: 0 every point scored, 1 some point failed, 2 bad input.
/// </summary>
public static class HostedRunCommand
{
    public static async Task<int> RunAsync(ExperimentSpec spec, IServiceProvider services, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = spec.Hosted!.ApplyTo(configuration.GetSection(HostedFineTuningOptions.SectionName).Get<HostedFineTuningOptions>() ?? new HostedFineTuningOptions());
        var chat = configuration.GetSection(LlmGeneratorOptions.SectionName).Get<LlmGeneratorOptions>() ?? new LlmGeneratorOptions();
        if (string.IsNullOrWhiteSpace(chat.Model))
        {
            chat.Model = options.BaseModel; // the base model's own deployment scores the size-0 point unless configured otherwise
        }

        var problems = HostedFineTuningOptionsValidator.Errors(options).Concat(LlmGeneratorOptionsValidator.Errors(chat)).ToList();
        ExperimentPlan plan;
        try
        {
            plan = ExperimentGrid.Expand(spec);
        }
        catch (ExperimentSpecException ex)
        {
            problems.Add(ex.Message);
            plan = null!;
        }

        if (problems.Count > 0)
        {
            await error.WriteLineAsync("The hosted fine-tuning experiment cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
            return 2;
        }

        var directory = Path.Combine(services.GetRequiredService<ArtifactFolders>().ExperimentsRoot, "hosted-" + SafeName(spec.Name));
        var runner = new HostedExperimentRunner(
            services.GetRequiredService<CorpusLoader>(), services.GetRequiredService<TrainingSetComposer>(), options, chat, services.GetRequiredService<ILoggerFactory>());
        if (dryRun)
        {
            var jobs = await runner.JobsAsync(plan, cancellationToken);
            // Read-only: a dry run must not leave a journal (or its folder) behind.
            var estimate = HostedFineTuningBackend.Estimate(options, directory, [.. jobs.Select(j => j.Job)]);

            await output.WriteLineAsync(Describe(spec, options, plan, estimate, directory));
            return 0;
        }

        // Jobs run in parallel (MaxConcurrentJobs); their lines must not interleave mid-line.
        var gate = new Lock();
        var progress = new SynchronousProgress<HostedFineTuningProgress>(p =>
        {
            if (p.Stage == HostedFineTuningProgress.JobStage)
            {
                lock (gate)
                {
                    output.WriteLine($"{p.Label}: job {p.Message} {p.Status}");
                }
            }
        });
        var result = await runner.RunAsync(plan, directory, e => output.WriteLine(Describe(spec, options, plan, e, directory)), progress, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Test BLEU by training size (mean over seeds; size 0 is {chat.Model} before fine-tuning):");
        await output.WriteAsync(HostedCurveTable.Format(result));
        return result.ZeroShot.Succeeded && result.Points.All(p => p.Succeeded) ? 0 : 1;
    }

    private static string Describe(ExperimentSpec spec, HostedFineTuningOptions options, ExperimentPlan plan, HostedCostEstimate estimate, string directory) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Hosted fine-tuning experiment '{spec.Name}': {CountText.Of(plan.Runs.Count, "job")} of {options.BaseModel} ({CountText.Of(estimate.Journalled, "already journalled job")}); estimated {estimate.TrainingTokens:N0} training tokens, cost {estimate.Cost:0.00} (committed {estimate.Spent:0.00}, budget {(estimate.Budget is { } b ? b.ToString("0.00", CultureInfo.InvariantCulture) : "none")}{(estimate.FitsBudget ? "" : "; over budget: jobs past it will not be created")}). Journal: {directory}");

    private static string SafeName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
