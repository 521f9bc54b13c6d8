namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>The band drawn around a group's mean curve.</summary>
public enum BandKind
{
    None,

    /// <summary>Mean ± sample standard deviation (n − 1).</summary>
    StandardDeviation,

    /// <summary>Mean ± standard error, sd / √n.</summary>
    StandardError,

    /// <summary>From the smallest to the largest run.</summary>
    MinMax,

    /// <summary>Mean ± t(0.975, n − 1) · sd / √n, the two-sided 95% confidence interval of the mean.</summary>
    ConfidenceInterval95,
}
