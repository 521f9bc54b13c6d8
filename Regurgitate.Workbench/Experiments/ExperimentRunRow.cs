using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// One run of an experiment as the experiment page lists it. <see cref="ParameterCount"/> is the model's trainable
/// parameters as the run reported when it built the model (null until it has).
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
    long? ParameterCount);
