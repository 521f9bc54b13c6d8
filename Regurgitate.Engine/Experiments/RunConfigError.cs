namespace Regurgitate.Engine.Experiments;

/// <summary>One problem with a run configuration; <see cref="Field"/> is the property path, e.g. "Training.MaxSteps".</summary>
public sealed record RunConfigError(string Field, string Message);
