namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Template (f), the study's headline setting at CPU scale: instead of training from scratch, every grid run
/// fine-tunes one model pretrained on WMT news (newstest 2008–2018) on Multi30k captions, with the human targets or a
/// low or high local generator's targets for the same sources, at growing sizes and three seeds; the pretrained
/// model's own Multi30k score is the size-0 point. Sized to finish within about 45 minutes on 2 CPU cores.
/// </summary>
internal static class FineTuningTemplate
{
    /// <summary>d 128, 2 + 2 layers, a 2,000-symbol vocabulary: the model of the acceptance experiment (about 0.9 M parameters).</summary>
    public static ModelConfig Model { get; } = new() { VocabSize = 2_000, DModel = 128, Heads = 4, EncoderLayers = 2, DecoderLayers = 2, FeedForward = 256, Dropout = 0.1 };

    public static ExperimentSpec Create() => ExperimentTemplates.Multi30kBase() with
    {
        Name = "(f) fine-tuning a news model on Multi30k",
        Description = "A model pretrained on WMT news, fine-tuned on Multi30k's human targets or on a low or high local generator's targets for the same sources; the pretrained model's own score is the size-0 point.",
        Sizes = [500, 1_000, 2_000],
        Pretrain = new PretrainSpec
        {
            CorpusId = "newstest",
            TrainSize = 20_000,
            DevSize = 200,
            TestSize = 500,
            Seed = 7,
            Training = new TrainingConfig { Epochs = 5, MaxSteps = 100_000, EvaluateEvery = 100_000, LearningRate = 2e-3, WarmupSteps = 100 },
        },
        Generators =
        [
            ExperimentTemplates.Generator("low", 1_000, ExperimentGrid.RealCondition, seed: 11) with { Model = Model, Training = GeneratorTraining },
            ExperimentTemplates.Generator("high", 4_000, ExperimentGrid.RealCondition, seed: 12) with { Model = Model, Training = GeneratorTraining },
        ],
        SyntheticSources = [ExperimentTemplates.Source("low", "low"), ExperimentTemplates.Source("high", "high")],
        Model = Model,
        Training = new TrainingConfig { Epochs = 6, MaxSteps = 100_000, EvaluateEvery = 100_000, LearningRate = 1e-3, WarmupSteps = 20 },
    };

    private static TrainingConfig GeneratorTraining { get; } = new() { Epochs = 12, MaxSteps = 100_000, EvaluateEvery = 100_000, LearningRate = 2e-3, WarmupSteps = 100 };
}
