

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>A line of text whose baseline passes through (X, Y); vertical text reads bottom to top.</summary>
public sealed record FigureText(double X, double Y, string Text, double Size) : FigureElement
{
    public TextAnchor Anchor { get; init; } = TextAnchor.Start;

    public bool Vertical { get; init; }
}
