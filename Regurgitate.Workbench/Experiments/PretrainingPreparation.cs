using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Prepares a fine-tuning experiment's grid: trains the pretrained model as a run of the experiment (or reuses the one
/// an earlier attempt trained), scores it on the experiment's test set without training (the size-0 point), and
/// points every grid run at it. Runs are found again by their place in the experiment, as local generators are, so a
/// restarted experiment resumes here instead of pretraining twice.
/// </summary>
public sealed class PretrainingPreparation(IDbContextFactory<RegurgitateDbContext> contextFactory, IRunLauncher launcher, ArtifactFolders folders)
{
    /// <summary>The plan with every grid run starting from the pretrained model; the plan itself when it has no pretraining.</summary>
    public async Task<ExperimentPlan> PrepareAsync(int experimentId, ExperimentPlan plan, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.PretrainingRun is not { } pretraining)
        {
            return plan;
        }

        var directory = await RunAsync(
            experimentId, FineTuning.PretrainingCondition, pretraining,
            $"Pretraining the model on {pretraining.TrainSize:N0} pairs of {pretraining.CorpusId}", "the pretrained model every grid run starts from", plan, progress, cancellationToken);
        await RunAsync(
            experimentId, FineTuning.ZeroShotCondition, FineTuning.ZeroShotRun(plan, directory),
            $"Scoring the pretrained model on the {plan.Spec.CorpusId} test set before fine-tuning", "the size-0 point of every learning curve", plan, progress, cancellationToken);
        return FineTuning.StartingFrom(plan, directory);
    }

    private async Task<string> RunAsync(
        int experimentId, string condition, RunConfig config, string starting, string purpose, ExperimentPlan plan, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        var runId = await ExperimentRuns.FindReusableAsync(contextFactory, experimentId, RunRole.Pretraining, condition, config.TrainSize, config.Seed, cancellationToken);
        if (runId is null)
        {
            progress?.Report(new ExperimentProgress("Preparing", starting, 0, plan.Runs.Count));
            runId = await launcher.StartAsync(new RunPlacement(experimentId, RunRole.Pretraining, condition), config, cancellationToken);
        }

        var status = await launcher.WhenFinishedAsync(runId.Value, cancellationToken);
        if (status != RunStatus.Completed)
        {
            throw new InvalidOperationException($"The {condition} run {runId}, {purpose}, ended {status.ToString().ToLowerInvariant()}; the experiment cannot continue without it.");
        }

        return await folders.VerifyRunAsync(runId.Value, cancellationToken);
    }
}
