namespace Regurgitate.Engine.Training;

/// <summary>Outcome of one optimiser step: mean loss per target token and the number of target tokens.</summary>
public readonly record struct StepResult(double Loss, long TargetTokens, double GradientNorm);
