namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>How well a detector separates human from machine texts on held-out sources (human = positive class).</summary>
public sealed record DetectorReport(
    int TrainExamples,
    int TestExamples,
    double Accuracy,
    double RocAuc,
    double Brier,
    double ExpectedCalibrationError,
    IReadOnlyList<RocPoint> Roc,
    IReadOnlyList<CalibrationBin> Calibration);
