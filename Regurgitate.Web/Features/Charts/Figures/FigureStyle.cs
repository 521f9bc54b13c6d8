using System.Globalization;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// How a figure looks on paper: size, font, line width, legend, colours and dashes. Defaults suit a one-column figure
/// in an ACL-style paper (3.5 in wide, 8 pt Helvetica, 1 pt lines, Okabe–Ito colours with dashes).
/// </summary>
public sealed record FigureStyle
{
    public const double SingleColumnInches = 3.5;
    public const double DoubleColumnInches = 7.0;
    public const double MinWidthInches = 1.0;
    public const double MaxWidthInches = 20.0;
    public const double MinHeightRatio = 0.2;
    public const double MaxHeightRatio = 2.0;
    public const double MinFontSize = 4.0;
    public const double MaxFontSize = 24.0;
    public const double MinLineWidth = 0.25;
    public const double MaxLineWidth = 6.0;

    public FigureSizePreset Preset { get; init; } = FigureSizePreset.SingleColumn;

    /// <summary>Width when <see cref="Preset"/> is <see cref="FigureSizePreset.Custom"/>.</summary>
    public double CustomWidthInches { get; init; } = 5.0;

    /// <summary>Height as a fraction of the width (0.62 ≈ the golden ratio).</summary>
    public double HeightRatio { get; init; } = 0.62;

    public FigureFont Font { get; init; } = FigureFont.Sans;

    /// <summary>Font size of tick labels, axis labels and legend, in points.</summary>
    public double FontSize { get; init; } = 8.0;

    /// <summary>Width of the data lines in points (axes and grid are drawn thinner, relative to it).</summary>
    public double LineWidth { get; init; } = 1.0;

    public LegendPosition Legend { get; init; } = LegendPosition.TopRight;

    public FigurePalette Palette { get; init; } = FigurePalette.OkabeIto;

    /// <summary>Give each series its own dash pattern, so that series differ without colour.</summary>
    public bool Dashes { get; init; } = true;

    public bool Markers { get; init; }

    public double WidthInches => Preset switch
    {
        FigureSizePreset.SingleColumn => SingleColumnInches,
        FigureSizePreset.DoubleColumn => DoubleColumnInches,
        _ => CustomWidthInches,
    };

    public double HeightInches => Math.Round(WidthInches * HeightRatio, 3);

    /// <summary>Page size in PostScript points (1/72 in), the unit of the layout, the SVG viewBox and the PDF MediaBox.</summary>
    public double WidthPoints => WidthInches * 72.0;

    public double HeightPoints => HeightInches * 72.0;

    /// <summary>What is out of range, one sentence each; empty when the style can be drawn.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(WidthInches is >= MinWidthInches and <= MaxWidthInches))
        {
            errors.Add(Invariant($"Width must be between {MinWidthInches} and {MaxWidthInches} in."));
        }

        if (!(HeightRatio is >= MinHeightRatio and <= MaxHeightRatio))
        {
            errors.Add(Invariant($"Height must be between {MinHeightRatio} and {MaxHeightRatio} times the width."));
        }

        if (!(FontSize is >= MinFontSize and <= MaxFontSize))
        {
            errors.Add(Invariant($"Font size must be between {MinFontSize} and {MaxFontSize} pt."));
        }

        if (!(LineWidth is >= MinLineWidth and <= MaxLineWidth))
        {
            errors.Add(Invariant($"Line width must be between {MinLineWidth} and {MaxLineWidth} pt."));
        }

        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
