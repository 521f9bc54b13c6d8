using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>Where a new run belongs: its experiment, why it exists, and its grid coordinates.</summary>
public sealed record RunPlacement(int ExperimentId, RunRole Role, string? Condition, double RealFraction = 1.0);
