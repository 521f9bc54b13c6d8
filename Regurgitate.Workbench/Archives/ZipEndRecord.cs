using System.Buffers.Binary;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// The entry count a zip declares in its end-of-central-directory record (or the Zip64 one), read from the file's tail.
/// <see cref="System.IO.Compression.ZipArchive"/> reads the whole central directory into memory when it opens, so an
/// archive with millions of entries must be refused before that; ZipArchive itself refuses a count that does not match.
/// </summary>
internal static class ZipEndRecord
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int LocatorLength = 20;

    /// <summary>The declared number of entries, or null when the stream holds no end record (then it is no zip, and opening it says so).</summary>
    public static async Task<long?> DeclaredEntriesAsync(Stream zip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var start = zip.Position;
        try
        {
            var length = zip.Length - start;
            // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
            var tailLength = (int)Math.Min(length, EndLength + ushort.MaxValue);
            if (tailLength < EndLength)
            {
                return null;
            }

            var tail = new byte[tailLength];
            zip.Position = start + length - tailLength;
            await zip.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
            for (var at = tailLength - EndLength; at >= 0; at--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
                {
                    continue;
                }

                long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
                if (entries != ushort.MaxValue || at < LocatorLength || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - LocatorLength)) != Zip64LocatorSignature)
                {
                    return entries;
                }

                // Zip64: the locator just before the end record points at the Zip64 end record, whose count is 8 bytes at offset 32.
                var zip64End = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(at - LocatorLength + 8));
                if (zip64End < 0 || zip64End > length - 40)
                {
                    return null;
                }

                var record = new byte[40];
                zip.Position = start + zip64End;
                await zip.ReadExactlyAsync(record, cancellationToken).ConfigureAwait(false);
                return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
                    ? (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), (ulong)long.MaxValue)
                    : null;
            }

            return null;
        }
        finally
        {
            zip.Position = start;
        }
    }
}
