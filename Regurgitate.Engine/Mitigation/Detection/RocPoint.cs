namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>One point of a ROC curve: the rates when texts scoring at least <paramref name="Threshold"/> are called human.</summary>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
