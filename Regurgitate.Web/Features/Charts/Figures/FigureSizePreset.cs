

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>Figure widths of two-column paper templates (ACL, IEEE, ACM): one column or the full text width.</summary>
public enum FigureSizePreset
{
    /// <summary>3.5 in.</summary>
    SingleColumn,

    /// <summary>7 in.</summary>
    DoubleColumn,

    /// <summary><see cref="FigureStyle.CustomWidthInches"/>.</summary>
    Custom,
}
