

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Filled circles of one radius (round markers).</summary>
public sealed record FigureCircle(IReadOnlyList<FigurePoint> Centers, double Radius, string Fill) : FigureElement;
