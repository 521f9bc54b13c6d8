namespace Regurgitate.Workbench.Experiments;

/// <summary>Seconds per training step, measured over the <paramref name="Steps"/> most recent recorded steps of run <paramref name="RunId"/>.</summary>
public sealed record StepRate(double SecondsPerStep, int RunId, int Steps);
