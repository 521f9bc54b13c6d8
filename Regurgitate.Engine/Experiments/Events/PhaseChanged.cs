namespace Regurgitate.Engine.Experiments.Events;

/// <summary>A run entered a phase, or made progress within it (<see cref="Fraction"/> in 0..1 when known).</summary>
public sealed record PhaseChanged(RunPhase Phase, string Message, double? Fraction = null) : RunEvent;
