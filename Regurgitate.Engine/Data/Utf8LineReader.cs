using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace Regurgitate.Engine.Data;

/// <summary>
/// Reads a text file line by line, validating as it goes: strict UTF-8 (the exact byte offset of the first bad
/// sequence is reported, which <see cref="StreamReader"/> cannot do because it silently substitutes U+FFFD), no NUL
/// bytes, bounded line length. Gzip is recognised by its magic bytes, not the file name. A UTF-8 BOM is stripped
/// (or, when asked, kept as U+FEFF at the start of line 1); UTF-16/32 BOMs are rejected. Line breaks are LF, CRLF or a
/// lone CR.
/// </summary>
internal sealed class Utf8LineReader : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly FileStream file;
    private readonly Stream text;
    private readonly int maxLineBytes;
    private readonly bool keepByteOrderMark;
    private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private byte[] line = ArrayPool<byte>.Shared.Rent(1024);
    private int lineLength;
    private int position;
    private int length;
    private long bufferOffset;
    private long lineStartOffset;
    private bool started;
    private bool endOfStream;
    private bool afterCarriageReturn;
    private bool inLine;

    private Utf8LineReader(string path, FileStream file, Stream text, bool isGzip, int maxLineBytes, bool keepByteOrderMark)
    {
        Path = path;
        this.file = file;
        this.text = text;
        IsGzip = isGzip;
        this.maxLineBytes = maxLineBytes;
        this.keepByteOrderMark = keepByteOrderMark;
    }

    public string Path { get; }
    public bool IsGzip { get; }

    /// <summary>1-based number of the line in <see cref="Current"/> (0 before the first line).</summary>
    public long LineNumber { get; private set; }

    public string Current { get; private set; } = string.Empty;
    public long LoneCarriageReturns { get; private set; }
    public bool ByteOrderMarkStripped { get; private set; }

    /// <summary>Share of the file on disk consumed so far (compressed bytes for gzip).</summary>
    public double? Fraction => file.Length > 0 ? Math.Min(1.0, (double)file.Position / file.Length) : null;

    /// <param name="keepByteOrderMark">
    /// Keep a UTF-8 byte-order mark as U+FEFF at the start of line 1 instead of stripping it, as Python's "utf-8"
    /// codec does (sacreBLEU's command line reads files with it).
    /// </param>
    public static Utf8LineReader Open(string path, int maxLineBytes, bool keepByteOrderMark = false)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Corpus file '{path}' does not exist.", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var isGzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            file.Position = 0;
            Stream text = isGzip ? new GZipStream(new BufferedStream(file, BufferSize), CompressionMode.Decompress) : file;
            return new Utf8LineReader(path, file, text, isGzip, maxLineBytes, keepByteOrderMark);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Advances to the next line; false at the end of the file.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        lineLength = 0;
        inLine = false;
        while (true)
        {
            if (position == length && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                // A final line without a terminator still counts; a trailing newline does not start another line.
                return inLine && Complete();
            }

            if (afterCarriageReturn)
            {
                afterCarriageReturn = false;
                if (buffer[position] == (byte)'\n')
                {
                    position++;
                    continue;
                }

                LoneCarriageReturns++;
            }

            if (!inLine)
            {
                inLine = true;
                LineNumber++;
                lineStartOffset = bufferOffset + position;
            }

            var available = buffer.AsSpan(position, length - position);
            var end = available.IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                Append(available);
                position = length;
                continue;
            }

            Append(available[..end]);
            afterCarriageReturn = available[end] == (byte)'\r';
            position += end + 1;
            return Complete();
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        bufferOffset += length;
        position = 0;
        length = 0;
        try
        {
            // The first read gathers enough bytes to recognise any byte-order mark.
            var wanted = started ? 1 : 4;
            while (!endOfStream && length < wanted)
            {
                var read = await text.ReadAsync(buffer.AsMemory(length, BufferSize - length), cancellationToken).ConfigureAwait(false);
                endOfStream = read == 0;
                length += read;
            }

            if (endOfStream && IsGzip)
            {
                VerifyGzipTrailer(bufferOffset + length);
            }
        }
        catch (InvalidDataException e)
        {
            throw new CorpusFormatException(Path, inLine ? LineNumber : LineNumber + 1, $"the gzip data is corrupt ({e.Message})", innerException: e);
        }

        if (!started)
        {
            started = true;
            InspectByteOrderMark();
        }

        if (length > position)
        {
            return true;
        }

        if (afterCarriageReturn)
        {
            afterCarriageReturn = false;
            LoneCarriageReturns++;
        }

        return false;
    }

    /// <summary>
    /// <see cref="GZipStream"/> ends silently at the end of a truncated file, which would turn a half-copied corpus
    /// into a shorter one. The gzip trailer's ISIZE (uncompressed length mod 2^32) catches that. It describes only the
    /// last member, so concatenated multi-member files are rejected too; they are rare for corpora and can be
    /// recompressed.
    /// </summary>
    private void VerifyGzipTrailer(long decompressedBytes)
    {
        Span<byte> trailer = stackalloc byte[4];
        var valid = file.Length >= 18;
        if (valid)
        {
            file.Position = file.Length - 4;
            file.ReadExactly(trailer);
            valid = BinaryPrimitives.ReadUInt32LittleEndian(trailer) == (uint)decompressedBytes;
        }

        if (!valid)
        {
            throw new CorpusFormatException(
                Path,
                inLine ? LineNumber : LineNumber + 1,
                $"the gzip data ends after {decompressedBytes} bytes, which does not match the size in its trailer: the file is truncated or corrupt "
                + "(concatenated multi-member gzip files are not supported; recompress as one member)");
        }
    }

    private void InspectByteOrderMark()
    {
        var head = buffer.AsSpan(0, length);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            ByteOrderMarkStripped = !keepByteOrderMark;
            position = keepByteOrderMark ? 0 : 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) ? "UTF-32 LE" : head[0] == 0xFF ? "UTF-16 LE" : "UTF-16 BE";
            throw new CorpusFormatException(Path, 1, $"the file is {encoding} (byte-order mark found); corpora must be UTF-8", 0);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            throw new CorpusFormatException(Path, 1, "the file is UTF-32 BE (byte-order mark found); corpora must be UTF-8", 0);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var needed = lineLength + bytes.Length;
        if (needed > maxLineBytes)
        {
            throw new CorpusFormatException(
                Path,
                LineNumber,
                $"the line is longer than {maxLineBytes} bytes (binary data, or a file without line breaks?)",
                lineStartOffset);
        }

        if (needed > line.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, line.Length * 2));
            line.AsSpan(0, lineLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(line);
            line = larger;
        }

        bytes.CopyTo(line.AsSpan(lineLength));
        lineLength = needed;
    }

    private bool Complete()
    {
        var bytes = line.AsSpan(0, lineLength);
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var problem = LineNumber == 1 && LooksLikeUtf16(bytes)
                ? "the file looks like UTF-16 without a byte-order mark (every other byte is NUL); corpora must be UTF-8"
                : "NUL byte found: the file is binary or not UTF-8 text";
            throw new CorpusFormatException(Path, LineNumber, problem, lineStartOffset + nul);
        }

        if (!Utf8.IsValid(bytes))
        {
            var bad = FirstInvalidUtf8(bytes);
            throw new CorpusFormatException(
                Path,
                LineNumber,
                $"invalid UTF-8 byte sequence (0x{bytes[bad]:X2} at byte {bad + 1} of the line{(IsGzip ? "; offsets count decompressed bytes" : string.Empty)}); the file must be UTF-8",
                lineStartOffset + bad);
        }

        Current = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 64)];
        int evenNul = 0, oddNul = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenNul++;
                }
                else
                {
                    oddNul++;
                }
            }
        }

        var half = sample.Length / 2;
        return half > 0 && (oddNul * 4 >= half * 3 && evenNul == 0 || evenNul * 4 >= half * 3 && oddNul == 0);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await text.DisposeAsync().ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(buffer);
        ArrayPool<byte>.Shared.Return(line);
    }
}
