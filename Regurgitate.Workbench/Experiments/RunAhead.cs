using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>A run of another experiment that holds a slot or starts before the waiting experiment's next run.</summary>
public sealed record RunAhead(int RunId, int ExperimentId, string ExperimentName, RunStatus Status, int LastStep, int? PlannedSteps);
