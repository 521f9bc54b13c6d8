namespace Regurgitate.Engine.Experiments.Design;

public static partial class ExperimentSpecValidator
{
    /// <summary>
    /// What can be known about a matched budget before any data is read. The warm-up rule is checked again against
    /// the planned steps of every all-real run once the shared tokenizer exists (see <see cref="TrainingBudgets.Apply"/>).
    /// </summary>
    private static void ValidateBudget(ExperimentSpec spec, List<RunConfigError> errors)
    {
        if (spec.Budget == TrainingBudget.Epochs)
        {
            return;
        }

        if (!Enum.IsDefined(spec.Budget))
        {
            errors.Add(new("budget", $"Unknown budget {(int)spec.Budget}: use epochs, matched-steps or matched-tokens."));
            return;
        }

        if (spec.Tokenizer == TokenizerSharing.PerRun)
        {
            errors.Add(new("budget", "A matched budget is planned from the all-real run's batches before training, which needs the shared vocabulary; use \"tokenizer\": \"shared\" or \"budget\": \"epochs\"."));
        }

        // No run trains for more than maxSteps, so a warm-up over half of it is refused whatever the data.
        if (spec.Training is { } training && training.WarmupSteps > training.MaxSteps / 2)
        {
            errors.Add(new("training.warmupSteps", TrainingBudgets.WarmupMessage(training.WarmupSteps, training.MaxSteps, "training.maxSteps, which no run exceeds")));
        }
    }
}
