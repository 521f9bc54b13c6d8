using Regurgitate.Engine.Hosted;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The runs of a hosted fine-tuning experiment (a spec with <see cref="ExperimentSpec.Hosted"/>) as the dashboard
/// queues them: every grid point with its hosted settings resolved against the configuration, so the stored
/// configuration says exactly what was sent, and the base model's zero-shot run, the size-0 point of every learning
/// curve (stored under <see cref="FineTuning.ZeroShotCondition"/> as an in-process fine-tuning experiment's is).
/// </summary>
public static class HostedGrid
{
    /// <summary>The spec's hosted section over the configured defaults, every member the request hashes filled in.</summary>
    public static HostedFineTuningSpec Resolve(HostedFineTuningSpec spec, HostedFineTuningOptions configured)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var options = spec.ApplyTo(configured);
        return new HostedFineTuningSpec
        {
            BaseModel = options.BaseModel,
            SystemPrompt = options.SystemPrompt,
            PromptTemplate = options.PromptTemplate,
            Epochs = options.Epochs,
            LearningRateMultiplier = options.LearningRateMultiplier,
            BatchSize = options.BatchSize,
        };
    }

    /// <summary>The plan with every grid run fine-tuned on the provider with <paramref name="hosted"/>; nothing is trained here.</summary>
    public static ExperimentPlan Hosting(ExperimentPlan plan, HostedFineTuningSpec hosted)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(hosted);
        return plan with { Runs = [.. plan.Runs.Select(r => r with { Config = r.Config with { Hosted = hosted, TokenizerDirectory = null } })] };
    }

    /// <summary>
    /// The base model scored on the experiment's test set before any fine-tuning: the first grid run's corpus, split,
    /// test size and seed, no training (<c>MaxSteps</c> 0).
    /// </summary>
    public static RunConfig ZeroShotRun(ExperimentPlan plan, HostedFineTuningSpec hosted)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(hosted);
        var first = plan.Runs.OrderBy(r => r.Size).ThenBy(r => r.Seed).First().Config;
        return first with
        {
            Mixture = new Mixtures.MixtureConfig(),
            TokenizerDirectory = null,
            Training = first.Training with { MaxSteps = 0 },
            Hosted = hosted,
        };
    }
}
