using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>How an experiment ended: its status and the count of grid runs per final status.</summary>
public sealed record ExperimentStatusReport(int ExperimentId, ExperimentStatus Status, string? Message, IReadOnlyDictionary<RunStatus, int> Runs);
