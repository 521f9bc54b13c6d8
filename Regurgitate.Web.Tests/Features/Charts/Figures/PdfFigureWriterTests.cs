using System.Text;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class PdfFigureWriterTests
{
    [Theory]
    [InlineData(FigureSizePreset.SingleColumn, 252)]
    [InlineData(FigureSizePreset.DoubleColumn, 504)]
    public void The_PDF_is_well_formed_and_its_page_is_the_figure_in_points(FigureSizePreset preset, double width)
    {
        var style = new FigureStyle { Preset = preset, HeightRatio = 0.5 };
        var (w, h) = PdfStructure.AssertValidAndReadMediaBox(PdfFigureWriter.Write(FigureSamples.LearningCurves(), style));

        Assert.Equal(width, w);
        Assert.Equal(width / 2, h);
    }

    [Fact]
    public void A_custom_width_sets_the_MediaBox()
    {
        var style = new FigureStyle { Preset = FigureSizePreset.Custom, CustomWidthInches = 4.25, HeightRatio = 0.5 };
        Assert.Equal((306.0, 153.0), PdfStructure.AssertValidAndReadMediaBox(PdfFigureWriter.Write(FigureSamples.LossCurve(), style)));
    }

    [Fact]
    public void Bands_and_raw_curves_get_their_opacity_from_an_ExtGState()
    {
        var text = Encoding.Latin1.GetString(PdfFigureWriter.Write(FigureSamples.LearningCurves(), new FigureStyle()));

        Assert.Contains("/Type /ExtGState /CA 1 /ca 0.2", text, StringComparison.Ordinal);
        Assert.Contains("/Type /ExtGState /CA 0.35 /ca 1", text, StringComparison.Ordinal);
        Assert.Contains(" gs ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Special_and_non_ASCII_characters_are_escaped_in_WinAnsi()
    {
        var spec = FigureSamples.LossCurve() with { XLabel = "Größe (a\\b) – µ" };
        var text = Encoding.Latin1.GetString(PdfFigureWriter.Write(spec, new FigureStyle()));

        Assert.Contains(@"(Gr\366\337e \(a\\b\) \226 \265) Tj", text, StringComparison.Ordinal);
    }
}
