using System.Buffers.Binary;
using System.Text;

namespace Regurgitate.Web.Features.Charts.Figures.Fonts;

/// <summary>
/// Writes a subset of a TrueType font for embedding in a PDF as /FontFile2. Glyph ids stay as they are (so hmtx and the
/// hinting programs stay valid); glyphs that are not used, directly or as a component of a used composite glyph, keep
/// their slot but lose their outline. The cmap is rebuilt for the used characters only, post is cut to format 3 (no
/// glyph names), and layout tables a PDF reader never consults (GPOS, GSUB, kern, ...) are left out. The name table
/// stays, so the subset still carries its copyright and licence. Table checksums and head.checkSumAdjustment are
/// recomputed. Deterministic: the same font and characters give the same bytes.
/// </summary>
internal static class TrueTypeSubsetter
{
    // Copied unchanged: what a TrueType rasteriser needs beside the rewritten tables.
    private static readonly string[] CopiedTables = ["OS/2", "cvt ", "fpgm", "gasp", "hhea", "hmtx", "maxp", "name", "prep"];

    /// <summary>The used glyphs for the characters, with .notdef and every component of a composite glyph.</summary>
    public static SortedSet<ushort> GlyphClosure(TrueTypeFont font, IEnumerable<char> characters)
    {
        ArgumentNullException.ThrowIfNull(font);
        var glyphs = new SortedSet<ushort>();
        var pending = new Stack<ushort>(characters.Select(font.GlyphId).Append((ushort)0));
        while (pending.Count > 0)
        {
            var glyph = pending.Pop();
            if (glyphs.Add(glyph))
            {
                foreach (var component in font.ComponentGlyphs(glyph))
                {
                    pending.Push(component);
                }
            }
        }

        return glyphs;
    }

    public static byte[] Subset(TrueTypeFont font, IReadOnlyCollection<char> characters)
    {
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(characters);
        var kept = GlyphClosure(font, characters);
        var (glyf, loca, longOffsets) = GlyphTables(font, kept);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = glyf,
            ["loca"] = loca,
            ["head"] = Head(font, longOffsets),
            ["cmap"] = Cmap(font, characters),
            ["post"] = Post(font),
        };
        foreach (var tag in CopiedTables.Where(t => font.TableTags.Contains(t, StringComparer.Ordinal)))
        {
            tables[tag] = font.TableBytes(tag).ToArray();
        }

        return Assemble(tables);
    }

    /// <summary>The sum of the big-endian 32-bit words of the data, zero-padded to a multiple of four bytes.</summary>
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < data.Length; i += 4)
        {
            word.Clear();
            data.Slice(i, Math.Min(4, data.Length - i)).CopyTo(word);
            sum += BinaryPrimitives.ReadUInt32BigEndian(word);
        }

        return sum;
    }

    private static (byte[] Glyf, byte[] Loca, bool LongOffsets) GlyphTables(TrueTypeFont font, SortedSet<ushort> kept)
    {
        using var glyf = new MemoryStream();
        var offsets = new int[font.GlyphCount + 1];
        for (var g = 0; g < font.GlyphCount; g++)
        {
            offsets[g] = (int)glyf.Position;
            if (kept.Contains((ushort)g))
            {
                glyf.Write(font.GlyphBytes((ushort)g));
                // Four-byte alignment keeps every offset expressible in the short loca format (offset / 2).
                while (glyf.Position % 4 != 0)
                {
                    glyf.WriteByte(0);
                }
            }
        }

        offsets[font.GlyphCount] = (int)glyf.Position;
        var longOffsets = glyf.Length > 0x1FFFC;
        var loca = new byte[offsets.Length * (longOffsets ? 4 : 2)];
        for (var g = 0; g < offsets.Length; g++)
        {
            if (longOffsets)
            {
                BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)offsets[g]);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(loca.AsSpan(2 * g), (ushort)(offsets[g] / 2));
            }
        }

        return (glyf.ToArray(), loca, longOffsets);
    }

    private static byte[] Head(TrueTypeFont font, bool longOffsets)
    {
        var head = font.TableBytes("head").ToArray();
        // checkSumAdjustment is zero while the whole-font checksum is taken; Assemble sets it afterwards.
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), (short)(longOffsets ? 1 : 0));
        return head;
    }

    /// <summary>A (3,1) format 4 cmap with one segment per used character, plus the required final 0xFFFF segment.</summary>
    private static byte[] Cmap(TrueTypeFont font, IReadOnlyCollection<char> characters)
    {
        var mapped = characters.Where(c => c != '\uFFFF' && font.GlyphId(c) != 0).Distinct().Order().ToList();
        var segments = mapped.Count + 1;
        var subtableLength = 16 + (8 * segments);
        var cmap = new byte[12 + subtableLength];
        var span = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 12);

        var sub = span[12..];
        BinaryPrimitives.WriteUInt16BigEndian(sub, 4);
        BinaryPrimitives.WriteUInt16BigEndian(sub[2..], (ushort)subtableLength);
        BinaryPrimitives.WriteUInt16BigEndian(sub[6..], (ushort)(2 * segments));
        var power = 1;
        var log = 0;
        while (power * 2 <= segments)
        {
            power *= 2;
            log++;
        }

        BinaryPrimitives.WriteUInt16BigEndian(sub[8..], (ushort)(2 * power));
        BinaryPrimitives.WriteUInt16BigEndian(sub[10..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(sub[12..], (ushort)((2 * segments) - (2 * power)));
        int ends = 14, starts = ends + (2 * segments) + 2, deltas = starts + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            var c = s < mapped.Count ? mapped[s] : '\uFFFF';
            var delta = s < mapped.Count ? font.GlyphId(c) - c : 1;
            BinaryPrimitives.WriteUInt16BigEndian(sub[(ends + (2 * s))..], c);
            BinaryPrimitives.WriteUInt16BigEndian(sub[(starts + (2 * s))..], c);
            BinaryPrimitives.WriteUInt16BigEndian(sub[(deltas + (2 * s))..], (ushort)(delta & 0xFFFF));
            // idRangeOffset stays 0: the glyph is the character plus its delta.
        }

        return cmap;
    }

    /// <summary>post format 3: the original header (italic angle, underline, pitch) without glyph names.</summary>
    private static byte[] Post(TrueTypeFont font)
    {
        var post = font.TableBytes("post")[..32].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);
        return post;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        var directoryLength = 12 + (16 * count);
        var length = directoryLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[length];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(16 * power));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((16 * count) - (16 * power)));

        var record = 12;
        var at = directoryLength;
        var headAt = 0;
        foreach (var (tag, data) in tables)
        {
            Encoding.ASCII.GetBytes(tag).CopyTo(span[record..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 4)..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 8)..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(span[(record + 12)..], (uint)data.Length);
            data.CopyTo(span[at..]);
            headAt = tag == "head" ? at : headAt;
            record += 16;
            at += (data.Length + 3) & ~3;
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[(headAt + 8)..], 0xB1B0AFBA - Checksum(font));
        return font;
    }
}
