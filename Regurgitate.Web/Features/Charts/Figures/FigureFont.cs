

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// The two typefaces a figure may use. Both are Liberation fonts (SIL OFL 1.1) that ship with Regurgitate and are
/// embedded as subsets in PDFs; their widths match Helvetica/Arial and Times/Times New Roman, LaTeX's usual faces.
/// </summary>
public enum FigureFont
{
    /// <summary>Liberation Sans (SVG falls back to Arial, Helvetica, then any sans-serif).</summary>
    Sans,

    /// <summary>Liberation Serif (SVG falls back to Times New Roman, Times, then any serif).</summary>
    Serif,
}
