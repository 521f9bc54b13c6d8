using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Experiments.Design;

public static partial class ExperimentSpecValidator
{
    /// <summary>A hosted spec fine-tunes the provider's model: nothing to pretrain here, and its prompt must place the source.</summary>
    private static void ValidateHosted(ExperimentSpec spec, List<RunConfigError> errors)
    {
        if (spec.Hosted is not { } hosted)
        {
            return;
        }

        if (spec.Pretrain is not null)
        {
            errors.Add(new("hosted", "A spec fine-tunes either a hosted model (hosted) or a model pretrained here (pretrain), not both."));
        }

        if (hosted.PromptTemplate is { } template && !template.Contains(LlmGeneratorOptions.SourcePlaceholder, StringComparison.Ordinal))
        {
            errors.Add(new("hosted.promptTemplate", $"The prompt template must contain {LlmGeneratorOptions.SourcePlaceholder} where the German sentence goes."));
        }

        if (hosted.Epochs is < 1 or > 50)
        {
            errors.Add(new("hosted.epochs", "Epochs must be between 1 and 50 (or absent for the provider's choice)."));
        }

        if (hosted.BatchSize is < 1 or > 256)
        {
            errors.Add(new("hosted.batchSize", "Batch size must be between 1 and 256 (or absent for the provider's choice)."));
        }

        if (hosted.LearningRateMultiplier is { } lr && (double.IsNaN(lr) || lr <= 0 || lr > 100))
        {
            errors.Add(new("hosted.learningRateMultiplier", "The learning-rate multiplier must be in (0, 100] (or absent for the provider's choice)."));
        }
    }
}
