using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Regurgitate.Web.Features.Charts.Figures.Fonts;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// The three PDF objects of an embedded figure font: a simple /TrueType font dictionary with WinAnsiEncoding and the
/// /Widths of the codes the figure uses, its /FontDescriptor, and the /FontFile2 stream holding a subset of the TrueType
/// file with just the glyphs drawn. The subset's name gets the six-letter tag PDF requires (ABCDEF+LiberationSans),
/// derived from the glyphs it holds, so identical figures give identical bytes.
/// </summary>
internal sealed class PdfEmbeddedFont
{
    private const int FixedPitch = 1, Serif = 2, Nonsymbolic = 32;
    private const int RestrictedLicenceEmbedding = 0x0002;

    private readonly TrueTypeFont file;
    private readonly FigureFont font;
    private readonly SortedSet<byte> codes;
    private readonly List<char> characters;

    public PdfEmbeddedFont(FigureFont font, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        this.font = font;
        file = FigureFontFiles.For(font);
        if ((file.EmbeddingFlags & RestrictedLicenceEmbedding) != 0)
        {
            throw new InvalidOperationException($"The licence of {file.PostScriptName} forbids embedding it (OS/2 fsType {file.EmbeddingFlags}).");
        }

        codes = [.. texts.SelectMany(t => t).Select(WinAnsiEncoding.Encode)];
        if (codes.Count == 0)
        {
            // A figure without text still names its font in the page resources; the space keeps /Widths non-empty.
            codes.Add((byte)' ');
        }

        characters = [.. codes.Select(WinAnsiEncoding.Decode).OfType<char>()];
        BaseFont = $"{SubsetTag(TrueTypeSubsetter.GlyphClosure(file, characters))}+{file.PostScriptName}";
    }

    /// <summary>The PostScript name with its subset tag, e.g. KQXMBD+LiberationSans.</summary>
    public string BaseFont { get; }

    public byte[] FontDictionary(int descriptorObject)
    {
        var first = codes.Min;
        var last = codes.Max;
        var widths = new StringBuilder();
        for (int code = first; code <= last; code++)
        {
            var c = WinAnsiEncoding.Decode((byte)code);
            var width = c is null ? 0 : Scale(file.AdvanceWidth(file.GlyphId(c.Value)));
            widths.Append(code == first ? "" : " ").Append(FigureNumber.Format(width, 3));
        }

        return Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Type /Font /Subtype /TrueType /BaseFont /{BaseFont} /FirstChar {first} /LastChar {last} /Widths [{widths}] /Encoding /WinAnsiEncoding /FontDescriptor {descriptorObject} 0 R >>"));
    }

    public byte[] Descriptor(int fontFileObject)
    {
        var flags = Nonsymbolic | (font == FigureFont.Serif ? Serif : 0) | (file.IsFixedPitch ? FixedPitch : 0);
        var box = file.BoundingBox;
        // TrueType has no stem width; 80 is the conventional value for a regular weight, which PDF readers only use
        // when they must substitute the font, and an embedded font is never substituted.
        return Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Type /FontDescriptor /FontName /{BaseFont} /Flags {flags} /FontBBox [{R(box.XMin)} {R(box.YMin)} {R(box.XMax)} {R(box.YMax)}] " +
            $"/ItalicAngle {FigureNumber.Format(file.ItalicAngle)} /Ascent {R(file.Ascender)} /Descent {R(file.Descender)} /CapHeight {R(file.CapHeight)} /StemV 80 /FontFile2 {fontFileObject} 0 R >>"));
    }

    /// <summary>The subset font as an uncompressed stream: no zlib build can change the bytes of a figure.</summary>
    public byte[] FontFile()
    {
        var subset = TrueTypeSubsetter.Subset(file, characters);
        var header = Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Length {subset.Length} /Length1 {subset.Length} >>\nstream\n"));
        return [.. header, .. subset, .. Latin1("\nendstream")];
    }

    private static string SubsetTag(IEnumerable<ushort> glyphs)
    {
        var hash = SHA256.HashData([.. glyphs.SelectMany(g => new[] { (byte)(g >> 8), (byte)g })]);
        return string.Concat(hash.Take(6).Select(b => (char)('A' + (b % 26))));
    }

    private double Scale(int units) => units * 1000.0 / file.UnitsPerEm;

    private string R(int units) => Math.Round(Scale(units), MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
