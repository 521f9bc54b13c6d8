using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Runs;

/// <summary>One row of the runs list.</summary>
public sealed record RunSummary(
    int Id,
    string ExperimentName,
    string CorpusId,
    RunStatus Status,
    int LastStep,
    int MaxSteps,
    double? LastLoss,
    double? BestDevBleu,
    double? TestBleu,
    DateTimeOffset CreatedAt);
