using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The runs of a fine-tuning experiment (a spec with <see cref="ExperimentSpec.Pretrain"/>): the pretraining run,
/// trained once; the grid, whose every run starts from its weights and uses its tokenizer; and the zero-shot run,
/// which scores the pretrained model on the experiment's test set without training (the size-0 point of every
/// learning curve). The grid and zero-shot runs name the pretraining run's directory, known once it has been queued.
/// </summary>
public static class FineTuning
{
    /// <summary>The condition under which the pretraining run is stored.</summary>
    public const string PretrainingCondition = "pretraining";

    /// <summary>The condition under which the zero-shot score of the pretrained model is stored.</summary>
    public const string ZeroShotCondition = "pretrained";

    /// <summary>The pretraining run of <paramref name="spec"/>, or null when it fine-tunes nothing.</summary>
    public static RunConfig? PretrainingRun(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Pretrain is not { } pretrain
            ? null
            : new RunConfig
            {
                CorpusId = pretrain.CorpusId,
                TrainSize = pretrain.TrainSize,
                DevSize = pretrain.DevSize,
                TestSize = pretrain.TestSize,
                Seed = pretrain.Seed,
                SplitSeed = pretrain.Seed,
                Model = spec.Model,
                Training = pretrain.Training,
                DevDecoding = DecodingConfig.Greedy,
                TestDecoding = spec.TestDecoding,
            };
    }

    /// <summary>
    /// The plan with every grid run starting from the pretrained run in <paramref name="pretrainedRunDirectory"/> and
    /// using its tokenizer (the budgets are planned afterwards, with that tokenizer).
    /// </summary>
    public static ExperimentPlan StartingFrom(ExperimentPlan plan, string pretrainedRunDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(pretrainedRunDirectory);
        var tokenizer = Path.Combine(pretrainedRunDirectory, TrainedModel.TokenizerFolderName);
        return plan with
        {
            Runs = [.. plan.Runs.Select(r => r with { Config = r.Config with { InitFrom = pretrainedRunDirectory, TokenizerDirectory = tokenizer } })],
        };
    }

    /// <summary>
    /// The pretrained model's translation of the experiment's test set, scored as every grid run is but after no
    /// training step: the same corpus, split, test size, references and decoding as the grid.
    /// </summary>
    public static RunConfig ZeroShotRun(ExperimentPlan plan, string pretrainedRunDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(pretrainedRunDirectory);
        var spec = plan.Spec;
        return new RunConfig
        {
            CorpusId = spec.CorpusId,
            TrainSize = spec.Sizes.Min(), // drawn but never trained on: the runner needs a training set to plan 0 steps over
            DevSize = spec.DevSize,
            TestSize = spec.TestSize,
            Seed = spec.Seeds[0],
            SplitSeed = spec.SplitSeed,
            Mixture = new MixtureConfig(),
            InitFrom = pretrainedRunDirectory,
            TokenizerDirectory = Path.Combine(pretrainedRunDirectory, TrainedModel.TokenizerFolderName),
            Model = spec.Model,
            Training = spec.Training with { MaxSteps = 0 },
            TestDecoding = spec.TestDecoding,
            References = spec.References,
        };
    }
}
