namespace Regurgitate.Engine.Experiments.Events;

/// <summary>
/// The run continues from its checkpoint at <see cref="Step"/>: whatever was recorded for later steps by the
/// interrupted attempt is superseded, and the next <see cref="StepCompleted"/> is step <see cref="Step"/> + 1.
/// </summary>
public sealed record RunResumed(int Step, string CheckpointPath) : RunEvent;
