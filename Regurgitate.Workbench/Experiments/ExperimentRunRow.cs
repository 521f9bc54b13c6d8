using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>One run of an experiment as the experiment page lists it.</summary>
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
    DateTimeOffset? FinishedAt);
