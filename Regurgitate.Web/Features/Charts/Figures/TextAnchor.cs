

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Which point of the text sits at its position, along the reading direction.</summary>
public enum TextAnchor
{
    Start,
    Middle,
    End,
}
