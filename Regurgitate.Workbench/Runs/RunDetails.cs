using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Runs;

/// <summary>What the run page shows that does not change while the run goes on, plus the run's last stored state.</summary>
public sealed record RunDetails(
    int Id,
    string ExperimentName,
    string ConfigJson,
    string CorpusId,
    DateTimeOffset CreatedAt,
    RunSnapshot StoredSnapshot);
