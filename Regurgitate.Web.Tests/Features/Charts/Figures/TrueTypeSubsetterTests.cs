using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Charts.Figures.Fonts;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class TrueTypeSubsetterTests
{
    // Every character WinAnsi can encode: a cmap of 218 one-character segments.
    private static readonly char[] AllWinAnsi = [.. Enumerable.Range(0x20, 0xE0).Select(c => WinAnsiEncoding.Decode((byte)c)).OfType<char>()];

    [Theory]
    [InlineData(FigureFont.Sans)]
    [InlineData(FigureFont.Serif)]
    public void A_subset_of_every_WinAnsi_character_maps_each_to_its_original_glyph(FigureFont figureFont)
    {
        var font = FigureFontFiles.For(figureFont);
        var bytes = TrueTypeSubsetter.Subset(font, AllWinAnsi);
        TrueTypeFileCheck.AssertValid(bytes);

        var subset = new TrueTypeFont(bytes);
        Assert.Equal(font.GlyphCount, subset.GlyphCount);
        Assert.Equal(font.PostScriptName, subset.PostScriptName);
        Assert.All(AllWinAnsi, c =>
        {
            Assert.Equal(font.GlyphId(c), subset.GlyphId(c));
            Assert.Equal(font.AdvanceWidth(font.GlyphId(c)), subset.AdvanceWidth(subset.GlyphId(c)));
            Assert.True(font.GlyphBytes(font.GlyphId(c)).SequenceEqual(subset.GlyphBytes(subset.GlyphId(c))), $"glyph of '{c}' changed");
        });
    }

    [Fact]
    public void A_subset_without_characters_is_a_valid_font_with_only_notdef()
    {
        var font = FigureFontFiles.For(FigureFont.Sans);
        var bytes = TrueTypeSubsetter.Subset(font, []);
        TrueTypeFileCheck.AssertValid(bytes);

        var subset = new TrueTypeFont(bytes);
        Assert.Equal(0, subset.GlyphId('a'));
        Assert.True(font.GlyphBytes(0).SequenceEqual(subset.GlyphBytes(0)));
        Assert.Equal([0], TrueTypeSubsetter.GlyphClosure(font, []));
    }

    [Fact]
    public void Subsetting_is_deterministic()
    {
        var font = FigureFontFiles.For(FigureFont.Serif);

        Assert.Equal(TrueTypeSubsetter.Subset(font, ['B', 'L', 'E', 'U']), TrueTypeSubsetter.Subset(font, ['U', 'E', 'L', 'B']));
    }

    [Fact]
    public void WinAnsi_decodes_what_it_encodes_and_draws_the_rest_as_a_question_mark()
    {
        Assert.All(AllWinAnsi, c => Assert.Equal(c, WinAnsiEncoding.Decode(WinAnsiEncoding.Encode(c))));
        Assert.Equal((byte)'?', WinAnsiEncoding.Encode('\u4E2D'));
        Assert.Equal(0x96, WinAnsiEncoding.Encode('\u2212'));
        Assert.Null(WinAnsiEncoding.Decode(0x81));
    }
}
