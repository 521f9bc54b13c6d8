using System.Buffers.Binary;
using System.Text;

namespace Regurgitate.Web.Features.Charts.Figures.Fonts;

/// <summary>
/// The parts of a TrueType font file (glyf outlines) that measuring and embedding need: the table directory, the
/// Unicode cmap, advance widths, glyph outlines and the vertical metrics a PDF font descriptor states. Read-only; the
/// file's bytes are kept so <see cref="TrueTypeSubsetter"/> can copy tables unchanged.
/// </summary>
internal sealed class TrueTypeFont
{
    private readonly byte[] data;
    private readonly Dictionary<string, (int Offset, int Length)> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<char, ushort> glyphByChar = [];
    private readonly ushort[] advances;
    private readonly int[] glyphOffsets;

    public TrueTypeFont(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = data;
        var version = U32(0);
        if (version != 0x00010000 && version != 0x74727565)
        {
            throw new InvalidDataException($"Not a TrueType font with glyf outlines (sfnt version 0x{version:X8}).");
        }

        int tableCount = U16(4);
        for (var i = 0; i < tableCount; i++)
        {
            var record = 12 + (16 * i);
            tables[Encoding.ASCII.GetString(data, record, 4)] = ((int)U32(record + 8), (int)U32(record + 12));
        }

        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        BoundingBox = (S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42));
        var longOffsets = S16(head + 50) == 1;

        var hhea = Table("hhea");
        Ascender = S16(hhea + 4);
        Descender = S16(hhea + 6);
        int metricCount = U16(hhea + 34);
        GlyphCount = U16(Table("maxp") + 4);

        var os2 = Table("OS/2");
        EmbeddingFlags = U16(os2 + 8);
        CapHeight = U16(os2) >= 2 ? S16(os2 + 88) : Ascender;

        var post = Table("post");
        ItalicAngle = (int)U32(post + 4) / 65536.0;
        IsFixedPitch = U32(post + 12) != 0;

        var hmtx = Table("hmtx");
        advances = new ushort[GlyphCount];
        for (var g = 0; g < GlyphCount; g++)
        {
            // Glyphs past the last long metric share its advance width.
            advances[g] = U16(hmtx + (4 * Math.Min(g, metricCount - 1)));
        }

        var loca = Table("loca");
        glyphOffsets = new int[GlyphCount + 1];
        for (var g = 0; g <= GlyphCount; g++)
        {
            glyphOffsets[g] = longOffsets ? (int)U32(loca + (4 * g)) : U16(loca + (2 * g)) * 2;
        }

        ReadUnicodeCmap();
        PostScriptName = ReadPostScriptName();
    }

    public int UnitsPerEm { get; }

    public int GlyphCount { get; }

    public (short XMin, short YMin, short XMax, short YMax) BoundingBox { get; }

    public short Ascender { get; }

    public short Descender { get; }

    public short CapHeight { get; }

    public double ItalicAngle { get; }

    public bool IsFixedPitch { get; }

    /// <summary>OS/2 fsType: 0 means installable embedding, the most permissive licence flag.</summary>
    public ushort EmbeddingFlags { get; }

    public string PostScriptName { get; }

    public IEnumerable<string> TableTags => tables.Keys;

    /// <summary>The glyph the Unicode cmap gives the character, or 0 (.notdef) when the font has none.</summary>
    public ushort GlyphId(char c) => glyphByChar.GetValueOrDefault(c);

    public int AdvanceWidth(ushort glyph) => advances[glyph];

    public ReadOnlySpan<byte> TableBytes(string tag) => tables.TryGetValue(tag, out var t) ? data.AsSpan(t.Offset, t.Length) : [];

    public ReadOnlySpan<byte> GlyphBytes(ushort glyph) => data.AsSpan(Table("glyf") + glyphOffsets[glyph], glyphOffsets[glyph + 1] - glyphOffsets[glyph]);

    /// <summary>The glyphs a composite glyph is assembled from (none for a simple or empty glyph).</summary>
    public IReadOnlyList<ushort> ComponentGlyphs(ushort glyph)
    {
        var bytes = GlyphBytes(glyph);
        if (bytes.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(bytes) >= 0)
        {
            return [];
        }

        const int ArgsAreWords = 0x0001, HasScale = 0x0008, MoreComponents = 0x0020, HasXYScale = 0x0040, HasTwoByTwo = 0x0080;
        var components = new List<ushort>();
        var at = 10;
        int flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            components.Add(BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            at += (flags & HasScale) != 0 ? 2 : (flags & HasXYScale) != 0 ? 4 : (flags & HasTwoByTwo) != 0 ? 8 : 0;
        }
        while ((flags & MoreComponents) != 0);
        return components;
    }

    private void ReadUnicodeCmap()
    {
        var cmap = Table("cmap");
        int subtableCount = U16(cmap + 2);
        for (var i = 0; i < subtableCount; i++)
        {
            var record = cmap + 4 + (8 * i);
            var subtable = cmap + (int)U32(record + 4);
            // Windows Unicode BMP, format 4: what PDF readers consult for a non-symbolic font's characters.
            if (U16(record) == 3 && U16(record + 2) == 1 && U16(subtable) == 4)
            {
                ReadFormat4(subtable);
                return;
            }
        }

        throw new InvalidDataException("The font has no Windows Unicode (3,1) format 4 cmap.");
    }

    private void ReadFormat4(int subtable)
    {
        var segments = U16(subtable + 6) / 2;
        var ends = subtable + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            int start = U16(starts + (2 * s)), end = U16(ends + (2 * s)), delta = U16(deltas + (2 * s)), rangeOffset = U16(rangeOffsets + (2 * s));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0
                    ? (c + delta) & 0xFFFF
                    : U16(rangeOffsets + (2 * s) + rangeOffset + (2 * (c - start)));
                if (rangeOffset != 0 && glyph != 0)
                {
                    glyph = (glyph + delta) & 0xFFFF;
                }

                if (glyph != 0 && glyph < GlyphCount)
                {
                    glyphByChar[(char)c] = (ushort)glyph;
                }
            }
        }
    }

    private string ReadPostScriptName()
    {
        var name = Table("name");
        int count = U16(name + 2), strings = name + U16(name + 4);
        for (var i = 0; i < count; i++)
        {
            var record = name + 6 + (12 * i);
            if (U16(record) == 3 && U16(record + 6) == 6)
            {
                return Encoding.BigEndianUnicode.GetString(data, strings + U16(record + 10), U16(record + 8));
            }
        }

        throw new InvalidDataException("The font has no Windows PostScript name (name id 6).");
    }

    private int Table(string tag) => tables.TryGetValue(tag, out var t)
        ? t.Offset
        : throw new InvalidDataException($"The font has no '{tag}' table.");

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));

    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
}
