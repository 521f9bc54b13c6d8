namespace Regurgitate.Workbench.Comparison;

/// <summary>What a trace of a comparison chart is.</summary>
public enum ChartTraceKind
{
    /// <summary>A run's recorded values (drawn faintly behind the smoothed line).</summary>
    Raw,

    /// <summary>A run's smoothed values.</summary>
    Smoothed,

    /// <summary>The mean of a group's raw values (drawn faintly).</summary>
    GroupRawMean,

    /// <summary>The mean of a group's smoothed values, with the band in <see cref="ChartTrace.Lower"/>/<see cref="ChartTrace.Upper"/>.</summary>
    GroupMean,
}
