using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>One queued or running run as <c>regurgitate runs list</c> shows it; <paramref name="PlannedSteps"/> is null until the run has planned its training.</summary>
public sealed record RunQueueEntry(
    int RunId,
    string ExperimentName,
    RunStatus Status,
    int Priority,
    int Attempt,
    int? QueuePosition,
    int LastStep,
    int? PlannedSteps,
    string? Message);
