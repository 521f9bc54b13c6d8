using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// One run of an experiment as the experiment page lists it. <see cref="ParameterCount"/> is the model's trainable
/// parameters as the run reported when it built the model (null until it has). The training budget the run planned
/// before its first step (pairs after the length filter, pairs dropped, target and source tokens) is null until then;
/// its steps are <see cref="MaxSteps"/>.
/// </summary>
public sealed record ExperimentRunRow(
    int RunId,
    RunRole Role,
    string? Condition,
    int TrainSize,
    int Seed,
    double RealFraction,
    RunStatus Status,
    int LastStep,
    int MaxSteps,
    string? PhaseMessage,
    double? TestBleu,
    double? TestChrF,
    string? TestBleuSignature,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? ParameterCount,
    int? TrainingPairs = null,
    int? PairsDropped = null,
    long? TargetTokens = null,
    long? SourceTokens = null)
{
    /// <summary>The steps the run planned from its budget; null while <see cref="MaxSteps"/> is still the configuration's cap.</summary>
    public int? PlannedSteps => Execution.StepProgress.Planned(MaxSteps, TrainingPairs);
}
