namespace Regurgitate.Engine.Experiments.Events;

/// <summary>One optimiser step. <see cref="Loss"/> is the label-smoothed cross-entropy per target token.</summary>
public sealed record StepCompleted(
    int Step,
    int MaxSteps,
    double Loss,
    double LearningRate,
    double TokensPerSecond,
    long TargetTokensSeen,
    long SentencesSeen,
    double Epoch,
    TimeSpan Elapsed,
    TimeSpan? Eta) : RunEvent;
