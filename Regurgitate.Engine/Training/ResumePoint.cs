namespace Regurgitate.Engine.Training;

/// <summary>A checkpoint that training can continue from: its position, and the file holding optimiser and RNG state.</summary>
public sealed record ResumePoint(TrainingPosition Position, string CheckpointPath, string StatePath);
