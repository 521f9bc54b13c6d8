using Regurgitate.Workbench.Colors;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// Series colours (from <see cref="ColorPalettes"/>) and dash patterns. Okabe–Ito and Tol bright are ordered for lines on white (the pale yellows last);
/// the greyscale ramp stops at a grey still visible on white. Three greys against eight dash patterns (coprime counts)
/// make every (grey, dash) pair of the first 24 series distinct.
/// </summary>
public static class FigureColors
{
    // Dash and gap lengths in multiples of the line width (so a thicker line keeps its rhythm); empty means solid.
    private static readonly double[][] DashPatterns =
    [
        [],
        [5, 2.5],
        [1, 2],
        [6, 2, 1, 2],
        [2.5, 2.5],
        [8, 2, 1, 2, 1, 2],
        [10, 3],
        [1, 4],
    ];

    public static int PatternCount => DashPatterns.Length;

    public static string Color(FigurePalette palette, int index)
    {
        var colors = Colors(palette);
        return colors[index % colors.Count];
    }

    /// <summary>The dash pattern of a series in points, or an empty array for a solid line.</summary>
    public static IReadOnlyList<double> Dash(int index, double lineWidth, bool dashes)
    {
        if (!dashes)
        {
            return [];
        }

        // Very thin lines get patterns scaled as if 0.75 pt wide, else the dots vanish in print.
        var unit = Math.Max(lineWidth, 0.75);
        return [.. DashPatterns[index % DashPatterns.Length].Select(d => d * unit)];
    }

    public static IReadOnlyList<string> Colors(FigurePalette palette) => palette switch
    {
        FigurePalette.TolBright => ColorPalettes.TolBright,
        FigurePalette.Greyscale => ColorPalettes.Greys,
        _ => ColorPalettes.OkabeIto,
    };
}
