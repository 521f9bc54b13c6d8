namespace Regurgitate.Engine.Experiments.Events;

public sealed record CheckpointSaved(int Step, string Path) : RunEvent;
