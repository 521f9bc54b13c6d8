namespace Regurgitate.Workbench.Experiments;

public sealed record LearningCurveSeries(string Condition, IReadOnlyList<LearningCurvePoint> Points);
