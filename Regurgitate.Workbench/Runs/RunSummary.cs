using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Runs;

/// <summary>
/// One row of the runs list. <paramref name="QueuePosition"/> is 1 for the queued run that starts next, null when not
/// queued; <paramref name="PlannedSteps"/> is null until the run has planned its training from its budget.
/// </summary>
public sealed record RunSummary(
    int Id,
    string ExperimentName,
    string CorpusId,
    RunStatus Status,
    int LastStep,
    int? PlannedSteps,
    double? LastLoss,
    double? BestDevBleu,
    double? TestBleu,
    DateTimeOffset CreatedAt,
    int Priority = 0,
    int Attempt = 0,
    int? QueuePosition = null);
