using System.Globalization;

namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>A smoothing method and its one parameter (EMA weight, Gaussian sigma in points, or window in points).</summary>
public sealed record SmoothingOptions(SmoothingKind Kind, double Parameter)
{
    public static SmoothingOptions None { get; } = new(SmoothingKind.None, 0);

    /// <summary>TensorBoard's default slider position.</summary>
    public static SmoothingOptions DefaultEma { get; } = new(SmoothingKind.Ema, 0.6);

    /// <summary>E.g. "EMA 0.6", "Gaussian σ=5", "running mean 11", "none"; used in exports so a figure says how it was smoothed.</summary>
    public string Describe() => Kind switch
    {
        SmoothingKind.Ema => "EMA " + Parameter.ToString("0.###", CultureInfo.InvariantCulture) + " (TensorBoard, debiased)",
        SmoothingKind.Gaussian => "Gaussian sigma=" + Parameter.ToString("0.###", CultureInfo.InvariantCulture) + " points",
        SmoothingKind.RunningMean => "centred running mean of " + Parameter.ToString("0", CultureInfo.InvariantCulture) + " points",
        _ => "none",
    };
}
