namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// One size of a learning curve: mean over seeds, sample standard deviation, range, and how many seeds; with the mean
/// optimiser steps and target tokens those seeds trained for (null for runs recorded before budgets were).
/// </summary>
public sealed record LearningCurvePoint(int Size, double Mean, double StandardDeviation, double Min, double Max, int Seeds, double? Steps = null, double? TargetTokens = null);
