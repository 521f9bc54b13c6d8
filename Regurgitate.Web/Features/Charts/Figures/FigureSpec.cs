

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

    public IReadOnlyList<FigureSeries> Series { get; init; } = [];

    /// <summary>The caption that goes under the figure in the paper (see <see cref="CaptionText"/>); not drawn in the figure.</summary>
    public string? Caption { get; init; }

    /// <summary>File name of the exports without extension.</summary>
    public string FileName { get; init; } = "figure";
}
