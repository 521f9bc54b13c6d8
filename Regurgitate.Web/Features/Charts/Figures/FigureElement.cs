

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>One drawing instruction of a laid-out figure; the writers turn each into SVG or PDF operators.</summary>
public abstract record FigureElement
{
    /// <summary>Clipped to the plot area (data drawn outside a fixed axis range is cut off, not drawn over the axes).</summary>
    public bool Clipped { get; init; }

    /// <summary>What the element is, written to the SVG as its class ("series", "band", "axis", ...) so tests and readers can find it.</summary>
    public string Role { get; init; } = string.Empty;
}
