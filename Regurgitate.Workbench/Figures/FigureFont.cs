namespace Regurgitate.Workbench.Figures;

/// <summary>The two PDF standard fonts a figure may use; both need no embedding and match LaTeX's Times/Helvetica.</summary>
public enum FigureFont
{
    /// <summary>Helvetica (SVG falls back to Arial, then any sans-serif).</summary>
    Sans,

    /// <summary>Times-Roman (SVG falls back to Times New Roman, then any serif).</summary>
    Serif,
}
