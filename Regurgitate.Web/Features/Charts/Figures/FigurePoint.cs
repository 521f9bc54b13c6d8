

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>A position on the page in points, origin top-left, y down (as in SVG; the PDF writer flips it).</summary>
public readonly record struct FigurePoint(double X, double Y);
