using System.Buffers.Binary;
using System.Text;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

/// <summary>
/// Checks a TrueType file the way a strict reader (or a preflight tool) does, without the product's font code: the
/// table directory, the tables a PDF's /FontFile2 needs, every table checksum and the whole-file checksum.
/// </summary>
public static class TrueTypeFileCheck
{
    private static readonly string[] RequiredTables = ["cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"];

    public static void AssertValid(byte[] font)
    {
        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(font));
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tags = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + (16 * i), 16);
            var tag = Encoding.ASCII.GetString(record[..4]);
            var checksum = BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            Assert.True(offset % 4 == 0 && offset + length <= font.Length, $"table {tag} lies outside the file or is unaligned");
            var data = font.AsSpan(offset, length).ToArray();
            if (tag == "head")
            {
                // The head checksum is taken with checkSumAdjustment set to zero.
                data.AsSpan(8, 4).Clear();
            }

            Assert.True(checksum == Sum(data), $"table {tag} has a wrong checksum");
            tags.Add(tag);
        }

        Assert.Equal(tags.Order(StringComparer.Ordinal), tags);
        Assert.Empty(RequiredTables.Except(tags));
        Assert.Equal(0xB1B0AFBAu, Sum(font));
    }

    private static uint Sum(byte[] data)
    {
        var padded = new byte[(data.Length + 3) & ~3];
        data.CopyTo(padded, 0);
        uint sum = 0;
        for (var i = 0; i < padded.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(i));
        }

        return sum;
    }
}
