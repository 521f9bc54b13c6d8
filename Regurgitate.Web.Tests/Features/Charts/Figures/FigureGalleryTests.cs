using System.Xml.Linq;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

/// <summary>
/// Every legend position, font, palette and marker choice drawn once: each must be a well-formed SVG and a well-formed
/// PDF of the same size. The files are left beside the test assembly (<c>figures/</c>) for a person to look at.
/// </summary>
public sealed class FigureGalleryTests
{
    public static TheoryData<LegendPosition, FigureFont, FigurePalette, bool> Styles() => new()
    {
        { LegendPosition.TopRight, FigureFont.Sans, FigurePalette.OkabeIto, false },
        { LegendPosition.BottomRight, FigureFont.Serif, FigurePalette.TolBright, true },
        { LegendPosition.OutsideRight, FigureFont.Sans, FigurePalette.Greyscale, true },
        { LegendPosition.Below, FigureFont.Serif, FigurePalette.Greyscale, false },
        { LegendPosition.None, FigureFont.Sans, FigurePalette.OkabeIto, true },
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public void Each_style_draws_a_valid_SVG_and_PDF_of_the_same_size(LegendPosition legend, FigureFont font, FigurePalette palette, bool markers)
    {
        var style = new FigureStyle { Legend = legend, Font = font, Palette = palette, Markers = markers, Preset = FigureSizePreset.DoubleColumn, HeightRatio = 0.45 };
        var spec = FigureSamples.LearningCurves() with { Title = "Learning curves", LogY = legend == LegendPosition.Below };

        var svg = SvgFigureWriter.Write(spec, style);
        var pdf = PdfFigureWriter.Write(spec, style);

        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("7in", (string?)root.Attribute("width"));
        Assert.Equal((504.0, 226.8), PdfStructure.AssertValidAndReadMediaBox(pdf));
        var folder = Path.Combine(AppContext.BaseDirectory, "figures");
        Directory.CreateDirectory(folder);
        var name = $"{legend}-{font}-{palette}{(markers ? "-markers" : string.Empty)}";
        File.WriteAllText(Path.Combine(folder, name + ".svg"), svg);
        File.WriteAllBytes(Path.Combine(folder, name + ".pdf"), pdf);
    }
}
