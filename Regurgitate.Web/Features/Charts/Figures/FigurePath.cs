

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Polylines (or, when closed, polygons) stroked and/or filled; null colours mean no stroke or no fill.</summary>
public sealed record FigurePath(IReadOnlyList<IReadOnlyList<FigurePoint>> Subpaths) : FigureElement
{
    public bool Closed { get; init; }

    public string? Stroke { get; init; }

    public double StrokeWidth { get; init; } = 1;

    /// <summary>Dash and gap lengths in points; empty for a solid line.</summary>
    public IReadOnlyList<double> Dash { get; init; } = [];

    public double StrokeOpacity { get; init; } = 1;

    public string? Fill { get; init; }

    public double FillOpacity { get; init; } = 1;

    /// <summary>Series name for a data line (the SVG's <c>&lt;title&gt;</c>).</summary>
    public string? Label { get; init; }
}
