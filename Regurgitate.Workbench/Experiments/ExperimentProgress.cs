namespace Regurgitate.Workbench.Experiments;

/// <summary>Where an experiment stands, as it runs: the phase, a message, and grid runs finished out of all.</summary>
public sealed record ExperimentProgress(string Phase, string Message, int RunsFinished, int RunsTotal, double? PhaseFraction = null);
