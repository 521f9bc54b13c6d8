

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>A laid-out figure: page size in points, the plot area the data are clipped to, and drawing instructions in painting order.</summary>
public sealed record FigureDrawing(double Width, double Height, FigureFont Font, FigureRect PlotArea, IReadOnlyList<FigureElement> Elements)
{
    public string? Title { get; init; }
}
