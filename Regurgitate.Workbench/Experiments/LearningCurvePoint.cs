namespace Regurgitate.Workbench.Experiments;

/// <summary>One size of a learning curve: mean over seeds, sample standard deviation, range, and how many seeds.</summary>
public sealed record LearningCurvePoint(int Size, double Mean, double StandardDeviation, double Min, double Max, int Seeds);
