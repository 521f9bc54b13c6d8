using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation.Llm;
using Regurgitate.Engine.Hosted;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Prepares a hosted fine-tuning experiment's grid (a spec with a <c>hosted</c> section): every grid run becomes a
/// hosted run, fine-tuned on the provider with the spec's settings resolved against <c>Regurgitate:HostedFineTuning</c>
/// (so each run's stored configuration says what was sent), and the base model's zero-shot score is queued as the
/// size-0 run that in-process fine-tuning experiments have (<see cref="FineTuning.ZeroShotCondition"/>). Nothing is
/// trained here: no shared tokenizer, no step budget.
/// </summary>
public sealed class HostedPreparation(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IRunLauncher launcher,
    CorpusLoader corpora,
    TrainingSetComposer composer,
    IOptions<HostedFineTuningOptions> hosted,
    IConfiguration configuration)
{
    /// <summary>
    /// What keeps the provider or the evaluation endpoint from being used, each naming its configuration key, with the
    /// spec's hosted values over the configured ones; empty for a spec without a <c>hosted</c> section.
    /// </summary>
    public IReadOnlyList<RunConfigError> ConfigurationErrors(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Hosted is not { } section)
        {
            return [];
        }

        // Bound here rather than through IOptions, whose validation would throw at the first problem instead of listing them all.
        var options = section.ApplyTo(hosted.Value);
        var configuredChat = configuration.GetSection(LlmGeneratorOptions.SectionName).Get<LlmGeneratorOptions>() ?? new LlmGeneratorOptions();
        var evaluation = HostedEvaluator.GeneratorOptions(options, configuredChat, string.IsNullOrWhiteSpace(configuredChat.Model) ? options.BaseModel : configuredChat.Model);
        return
        [
            .. HostedFineTuningOptionsValidator.Errors(options).Concat(LlmGeneratorOptionsValidator.Errors(evaluation))
                .Select(e => new RunConfigError("hosted", $"The hosted fine-tuning experiment cannot run with this configuration: {e}")),
        ];
    }

    /// <summary>
    /// The plan of hosted runs, and the id of the zero-shot run (queued now, or the one an earlier attempt left). Each run
    /// journals its own jobs, so <see cref="HostedFineTuningOptions.Budget"/> is checked here for the whole grid: a grid
    /// whose estimated cost passes it is refused before anything is queued.
    /// </summary>
    /// <param name="experimentFolder">The experiment's folder; it holds no journal, so the estimate counts every job.</param>
    public async Task<(ExperimentPlan Plan, int ZeroShotRunId)> PrepareAsync(int experimentId, ExperimentPlan plan, string experimentFolder, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var section = plan.Spec.Hosted ?? throw new ArgumentException("The plan is not a hosted fine-tuning experiment's.", nameof(plan));
        if (ConfigurationErrors(plan.Spec) is { Count: > 0 } errors)
        {
            throw new ExperimentSpecException(errors);
        }

        var resolved = HostedGrid.Resolve(section, hosted.Value);
        var estimate = await EstimateAsync(plan, section.ApplyTo(hosted.Value), experimentFolder, cancellationToken);
        progress?.Report(new ExperimentProgress("Preparing", string.Create(CultureInfo.InvariantCulture, $"{plan.Runs.Count} hosted job(s) of {resolved.BaseModel}: about {estimate.TrainingTokens:N0} training tokens, estimated cost {estimate.Cost:0.00}"), 0, plan.Runs.Count));
        if (!estimate.FitsBudget)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The grid's {plan.Runs.Count} hosted job(s) are estimated at {estimate.Cost:0.00} ({estimate.TrainingTokens:N0} training tokens), more than {HostedFineTuningOptions.SectionName}:{nameof(HostedFineTuningOptions.Budget)} ({estimate.Budget:0.00}); nothing was queued. Raise the budget or shrink the grid."));
        }

        var zeroShot = HostedGrid.ZeroShotRun(plan, resolved);
        var runId = await ExperimentRuns.FindReusableAsync(contextFactory, experimentId, RunRole.Pretraining, FineTuning.ZeroShotCondition, zeroShot.TrainSize, zeroShot.Seed, cancellationToken);
        if (runId is null)
        {
            progress?.Report(new ExperimentProgress("Preparing", $"Scoring {resolved.BaseModel} on the {plan.Spec.CorpusId} test set before fine-tuning", 0, plan.Runs.Count));
            runId = await launcher.StartAsync(new RunPlacement(experimentId, RunRole.Pretraining, FineTuning.ZeroShotCondition), zeroShot, cancellationToken);
        }

        return (HostedGrid.Hosting(plan, resolved), runId.Value);
    }

    /// <summary>Every grid point's training set composed as its run will compose it, priced as one job each.</summary>
    private async Task<HostedCostEstimate> EstimateAsync(ExperimentPlan plan, HostedFineTuningOptions options, string experimentFolder, CancellationToken cancellationToken)
    {
        var requests = new List<HostedJobRequest>();
        foreach (var point in plan.Runs)
        {
            var splits = await corpora.LoadSplitsAsync(SplitRequest.From(point.Config), null, cancellationToken);
            var (examples, _) = composer.Compose(point.Config, splits, _ => { }, cancellationToken);
            requests.Add(new HostedJobRequest(HostedExperimentRunner.Label(point), [.. examples.Select(e => e.Pair)], point.Seed));
        }

        return HostedFineTuningBackend.Estimate(options, experimentFolder, requests);
    }
}
