namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>How a curve is smoothed; see <see cref="Smoothing"/> for the formulas.</summary>
public enum SmoothingKind
{
    None,

    /// <summary>TensorBoard's debiased exponential moving average; the parameter is the weight in [0, 1).</summary>
    Ema,

    /// <summary>Gaussian kernel; the parameter is sigma in points.</summary>
    Gaussian,

    /// <summary>Centred running mean; the parameter is the window length in points.</summary>
    RunningMean,
}
