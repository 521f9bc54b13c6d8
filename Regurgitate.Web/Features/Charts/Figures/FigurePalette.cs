

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Colour sets that stay distinguishable with the common colour-vision deficiencies (see <see cref="FigureColors"/>).</summary>
public enum FigurePalette
{
    /// <summary>Okabe &amp; Ito (2008).</summary>
    OkabeIto,

    /// <summary>Paul Tol's "bright" qualitative scheme.</summary>
    TolBright,

    /// <summary>Black to light grey; pair with dashes so series differ on a greyscale printer.</summary>
    Greyscale,
}
