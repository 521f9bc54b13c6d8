using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Experiments.Design;

public static partial class ExperimentSpecValidator
{
    /// <summary>
    /// A pretraining section needs a known corpus and sizes, a valid training schedule, and the shared tokenizer: every
    /// grid run inherits the pretrained model's vocabulary, so runs that learn their own cannot start from it.
    /// </summary>
    private static void ValidatePretrain(ExperimentSpec spec, List<RunConfigError> errors)
    {
        if (spec.Pretrain is not { } pretrain)
        {
            return;
        }

        if (CorpusCatalog.Find(pretrain.CorpusId) is null)
        {
            errors.Add(new("pretrain.corpusId", $"Unknown corpus '{pretrain.CorpusId}'. Known corpora: {string.Join(", ", CorpusCatalog.Corpora.Select(c => c.Id))}."));
        }

        else if (string.Equals(pretrain.CorpusId, spec.CorpusId, StringComparison.OrdinalIgnoreCase))
        {
            // Its sample would overlap the pool the conditions fine-tune on, with the human targets of those sources.
            errors.Add(new("pretrain.corpusId", $"Pretrain on another corpus than the experiment's own '{spec.CorpusId}': pretraining pairs drawn from its pool would show every condition's model the human targets of sources it fine-tunes on."));
        }

        Range(errors, "pretrain.trainSize", pretrain.TrainSize, 16, 10_000_000);
        Range(errors, "pretrain.devSize", pretrain.DevSize, 8, 100_000);
        Range(errors, "pretrain.testSize", pretrain.TestSize, 8, 100_000);

        // The model is the spec's (reported once, at "model."); only the pretraining schedule is its own.
        var training = new List<RunConfigError>();
        Section(training, "pretrain.", new RunConfig { Model = spec.Model, Training = pretrain.Training });
        errors.AddRange(training.Where(e => e.Field.StartsWith("pretrain.training.", StringComparison.Ordinal)));

        if (spec.Tokenizer == TokenizerSharing.PerRun)
        {
            errors.Add(new("tokenizer", "Every grid run fine-tunes the pretrained model, whose vocabulary it must use; use \"tokenizer\": \"shared\"."));
        }
    }
}
