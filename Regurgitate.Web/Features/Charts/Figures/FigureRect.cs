

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>A rectangle on the page in points, origin top-left.</summary>
public readonly record struct FigureRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;
}
