namespace Regurgitate.Engine.Experiments.Events;

/// <summary>The last event of every run, whatever the outcome.</summary>
public sealed record RunFinished(RunOutcome Outcome, string? Message, TimeSpan Elapsed) : RunEvent;
