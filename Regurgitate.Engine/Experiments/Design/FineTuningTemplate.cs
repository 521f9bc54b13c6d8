namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Template (f), the study's headline setting at CPU scale: instead of training from scratch, every grid run
/// fine-tunes one model pretrained on WMT news (newstest 2008–2018) on Multi30k captions, with the human targets or a
/// low or high local generator's targets for the same sources, at growing sizes and three seeds; the pretrained
/// model's own Multi30k score is the size-0 point. Tiny models like the other templates; <c>specs/fine-tuning.json</c>
/// is the larger version the README's result comes from.
/// </summary>
internal static class FineTuningTemplate
{
    public static ExperimentSpec Create() => ExperimentTemplates.Multi30kBase() with
    {
        Name = "(f) fine-tuning a news model on Multi30k",
        Description = "A model pretrained on WMT news, fine-tuned on Multi30k's human targets or on a low or high local generator's targets for the same sources; the pretrained model's own score is the size-0 point.",
        Pretrain = new PretrainSpec
        {
            CorpusId = "newstest",
            TrainSize = 20_000,
            DevSize = 200,
            TestSize = 500,
            Seed = 7,
            Training = ExperimentTemplates.GeneratorTraining with { Epochs = 4 },
        },
        Generators =
        [
            ExperimentTemplates.Generator("low", 1_000, ExperimentGrid.RealCondition, seed: 11),
            ExperimentTemplates.Generator("high", 4_000, ExperimentGrid.RealCondition, seed: 12),
        ],
        SyntheticSources = [ExperimentTemplates.Source("low", "low"), ExperimentTemplates.Source("high", "high")],
    };
}
