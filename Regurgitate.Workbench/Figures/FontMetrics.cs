namespace Regurgitate.Workbench.Figures;

/// <summary>
/// Advance widths of the PDF standard fonts Helvetica and Times-Roman (Adobe Core14 AFM files, 1/1000 em), so that
/// text is measured without any font installed. Arial and Liberation Sans share Helvetica's widths, Times New Roman and
/// Liberation Serif nearly share Times', so the SVG lays out like the PDF.
/// </summary>
public static class FontMetrics
{
    // Characters 32..126 in WinAnsi order (0x27 is quotesingle, 0x60 grave).
    private static readonly short[] HelveticaAscii =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    private static readonly short[] TimesAscii =
    [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ];

    /// <summary>Cap height and descender depth in em, for vertical placement of text.</summary>
    public static double CapHeight(FigureFont font) => font == FigureFont.Serif ? 0.662 : 0.718;

    public static double Descent(FigureFont font) => font == FigureFont.Serif ? 0.217 : 0.207;

    /// <summary>Width of the text in points at the given size.</summary>
    public static double Width(string text, FigureFont font, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = 0;
        foreach (var c in text)
        {
            units += Units(c, font);
        }

        return units * size / 1000.0;
    }

    private static int Units(char c, FigureFont font)
    {
        var serif = font == FigureFont.Serif;
        if (c is >= ' ' and <= '~')
        {
            return (serif ? TimesAscii : HelveticaAscii)[c - ' '];
        }

        return c switch
        {
            '–' => serif ? 500 : 556,
            '—' => 1000,
            '±' or '×' or '÷' => serif ? 564 : 584,
            '°' => 400,
            'µ' => serif ? 500 : 556,
            '·' => serif ? 250 : 278,
            '•' => 350,
            '‘' or '’' => serif ? 333 : 222,
            '“' or '”' => serif ? 444 : 333,
            '…' => 1000,
            // Accented Latin-1 letters are about as wide as their base letters; this is the average lower-case width.
            _ => serif ? 500 : 556,
        };
    }
}
