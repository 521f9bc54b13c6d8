

namespace Regurgitate.Web.Features.Charts.Figures;

public enum LegendPosition
{
    TopRight,
    BottomRight,

    /// <summary>Right of the plot area; the plot narrows to make room.</summary>
    OutsideRight,

    /// <summary>Under the x-axis label, entries in rows.</summary>
    Below,
    None,
}
