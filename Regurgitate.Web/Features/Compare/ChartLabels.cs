using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Features.Compare;

/// <summary>Human labels of the chart options, shared by the options panel, the chart's axis titles and exports.</summary>
public static class ChartLabels
{
    public static string Axis(SeriesAxis axis) => axis switch
    {
        SeriesAxis.TokensSeen => "Target tokens seen",
        SeriesAxis.RealExamplesSeen => "Real examples seen",
        SeriesAxis.SyntheticExamplesSeen => "Synthetic examples seen",
        SeriesAxis.Epoch => "Epoch",
        SeriesAxis.WallTime => "Wall time (s)",
        _ => "Step",
    };

    public static string Smoothing(SmoothingKind kind) => kind switch
    {
        SmoothingKind.Ema => "EMA (TensorBoard)",
        SmoothingKind.Gaussian => "Gaussian",
        SmoothingKind.RunningMean => "Running mean (centred)",
        _ => "None",
    };

    public static string SmoothingParameter(SmoothingKind kind) => kind switch
    {
        SmoothingKind.Ema => "Weight (0–0.999)",
        SmoothingKind.Gaussian => "Sigma (points)",
        SmoothingKind.RunningMean => "Window (points)",
        _ => "Parameter",
    };

    public static string Band(BandKind band) => band switch
    {
        BandKind.StandardDeviation => "± standard deviation",
        BandKind.StandardError => "± standard error",
        BandKind.MinMax => "min–max",
        BandKind.ConfidenceInterval95 => "95% CI (t)",
        _ => "no band",
    };
}
