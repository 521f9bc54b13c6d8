

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// What a paper figure shows, as pure data: axes, series and caption. How it looks lives in <see cref="FigureStyle"/>,
/// so one spec exports identically as SVG, PDF and PNG at any preset.
/// </summary>
public sealed record FigureSpec
{
    public string? Title { get; init; }

    public string XLabel { get; init; } = string.Empty;

    public string YLabel { get; init; } = string.Empty;

    public bool LogX { get; init; }

    public bool LogY { get; init; }

    /// <summary>Fixed x range; null fits the data to nice ticks.</summary>
    public AxisRange? XRange { get; init; }

    public AxisRange? YRange { get; init; }

    /// <summary>
    /// Fixed x ticks and their labels (generations 0, 1, 2 with 0 labelled "real"); the x range then spans them with
    /// half a step to spare, so that end points and their error bars are not cut by the axis. Null: ticks by
    /// <see cref="AxisTicks"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<double, string>>? XTickLabels { get; init; }

    public IReadOnlyList<FigureSeries> Series { get; init; } = [];

    /// <summary>The caption that goes under the figure in the paper (see <see cref="CaptionText"/>); not drawn in the figure.</summary>
    public string? Caption { get; init; }

    /// <summary>File name of the exports without extension.</summary>
    public string FileName { get; init; } = "figure";
}
