using Regurgitate.Web.Features.Charts.Figures.Fonts;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// Text measures taken from the font files the PDF embeds (<see cref="FigureFontFiles"/>), so text is placed by the
/// same advance widths a PDF reader draws with. Text is measured as it is drawn: characters WinAnsi lacks as '?'.
/// </summary>
public static class FontMetrics
{
    /// <summary>Cap height and descender depth in em, for vertical placement of text.</summary>
    public static double CapHeight(FigureFont font)
    {
        var file = FigureFontFiles.For(font);
        return (double)file.CapHeight / file.UnitsPerEm;
    }

    public static double Descent(FigureFont font)
    {
        var file = FigureFontFiles.For(font);
        return -(double)file.Descender / file.UnitsPerEm;
    }

    /// <summary>Width of the text in points at the given size.</summary>
    public static double Width(string text, FigureFont font, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = FigureFontFiles.For(font);
        var units = 0L;
        foreach (var c in text)
        {
            var drawn = WinAnsiEncoding.Decode(WinAnsiEncoding.Encode(c)) ?? '?';
            units += file.AdvanceWidth(file.GlyphId(drawn));
        }

        return units * size / file.UnitsPerEm;
    }
}
