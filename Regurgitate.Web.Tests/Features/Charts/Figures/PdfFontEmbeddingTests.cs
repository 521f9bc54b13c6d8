using System.Text.RegularExpressions;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Charts.Figures.Fonts;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

/// <summary>
/// Submission checks (IEEE PDF eXpress, ACL's pdffonts rule) reject PDFs whose fonts are not embedded: every font of a
/// figure must point through its descriptor to an embedded TrueType file that holds the glyphs the figure draws.
/// </summary>
public sealed partial class PdfFontEmbeddingTests
{
    private const string NonAscii = "Übersetzung – ±";

    [Theory]
    [InlineData(FigureFont.Sans, "LiberationSans")]
    [InlineData(FigureFont.Serif, "LiberationSerif")]
    public void Every_font_is_an_embedded_subset_holding_the_drawn_glyphs(FigureFont font, string postScriptName)
    {
        var spec = FigureSamples.LossCurve() with { XLabel = NonAscii };
        var style = new FigureStyle { Font = font };
        var pdf = PdfFigureWriter.Write(spec, style);
        var drawn = string.Concat(FigureLayout.Build(spec, style).Elements.OfType<FigureText>().Select(t => t.Text));
        Assert.Contains(NonAscii, drawn, StringComparison.Ordinal);

        var fonts = PdfFontTable.Read(pdf);
        Assert.NotEmpty(fonts);
        var original = FigureFontFiles.For(font);
        foreach (var f in fonts)
        {
            Assert.Equal("TrueType", f.Subtype);
            Assert.Matches(SubsetName(), f.BaseFont);
            Assert.EndsWith("+" + postScriptName, f.BaseFont, StringComparison.Ordinal);
            Assert.NotNull(f.Descriptor);
            Assert.Contains($"/FontName /{f.BaseFont} ", f.Descriptor, StringComparison.Ordinal);
            Assert.NotNull(f.FontFile2);
            TrueTypeFileCheck.AssertValid(f.FontFile2);

            var subset = new TrueTypeFont(f.FontFile2);
            foreach (var c in drawn.Where(c => c != ' '))
            {
                var glyph = subset.GlyphId(c);
                Assert.True(glyph != 0, $"'{c}' is not mapped in the embedded subset");
                Assert.True(subset.GlyphBytes(glyph).Length > 0, $"the glyph of '{c}' is empty in the embedded subset");
                Assert.True(subset.GlyphBytes(glyph).SequenceEqual(original.GlyphBytes(original.GlyphId(c))), $"the glyph of '{c}' differs from the font's");
            }

            // Unused glyphs keep their id but lose their outline, so the subset is a small part of the font.
            Assert.Equal(0, subset.GlyphId('Z'));
            Assert.Empty(subset.GlyphBytes(original.GlyphId('Z')).ToArray());
            Assert.InRange(f.FontFile2.Length, 1, original.TableBytes("glyf").Length / 8);
        }
    }

    [Theory]
    [InlineData(FigureFont.Sans)]
    [InlineData(FigureFont.Serif)]
    public void The_PDF_widths_are_the_widths_layout_measured_with(FigureFont font)
    {
        var spec = FigureSamples.LossCurve() with { XLabel = NonAscii };
        var f = Assert.Single(PdfFontTable.Read(PdfFigureWriter.Write(spec, new FigureStyle { Font = font })));

        foreach (var (c, code) in new[] { ('Ü', 0xDC), ('–', 0x96), ('±', 0xB1), ('0', 0x30), ('L', 0x4C) })
        {
            Assert.Equal(FontMetrics.Width(c.ToString(), font, 1000), f.Widths[code - f.FirstChar], 3);
        }
    }

    [Fact]
    public void The_subset_tag_follows_the_glyphs_so_equal_figures_share_it_and_others_do_not()
    {
        static string BaseFont(string label) => Assert.Single(PdfFontTable.Read(PdfFigureWriter.Write(FigureSamples.LossCurve() with { XLabel = label }, new FigureStyle()))).BaseFont;

        Assert.Equal(BaseFont("Step"), BaseFont("Step"));
        Assert.NotEqual(BaseFont("Step"), BaseFont("Schritt"));
    }

    [Fact]
    public void A_composite_glyph_keeps_the_glyphs_it_is_built_from()
    {
        var font = FigureFontFiles.For(FigureFont.Sans);
        var composite = "ÄÖÜäöüÅåÇçÉéÑñ".First(c => font.ComponentGlyphs(font.GlyphId(c)).Count > 0);
        var subset = new TrueTypeFont(TrueTypeSubsetter.Subset(font, [composite]));

        Assert.All(font.ComponentGlyphs(font.GlyphId(composite)), g => Assert.NotEmpty(subset.GlyphBytes(g).ToArray()));
    }

    [Fact]
    public void Both_fonts_permit_embedding()
    {
        Assert.Equal(0, FigureFontFiles.For(FigureFont.Sans).EmbeddingFlags);
        Assert.Equal(0, FigureFontFiles.For(FigureFont.Serif).EmbeddingFlags);
    }

    [GeneratedRegex("^[A-Z]{6}\\+")]
    private static partial Regex SubsetName();
}
