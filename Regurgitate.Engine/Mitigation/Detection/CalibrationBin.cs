namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// One equal-width bin of predicted probability [<paramref name="Lower"/>, <paramref name="Upper"/>) (the last bin includes 1).
/// An empty bin has <paramref name="Count"/> 0 and both means 0 (kept finite so that a report serialises to JSON).
/// </summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedHumanShare);
