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

    private readonly FileStream _file;
    private readonly Stream _text;
    private readonly int _maxLineBytes;
    private readonly bool _keepByteOrderMark;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private byte[] _line = ArrayPool<byte>.Shared.Rent(1024);
    private int _lineLength;
    private int _position;
    private int _length;
    private long _bufferOffset;
    private long _lineStartOffset;
    private bool _started;
    private bool _endOfStream;
    private bool _afterCarriageReturn;
    private bool _inLine;

    private Utf8LineReader(string path, FileStream file, Stream text, bool isGzip, int maxLineBytes, bool keepByteOrderMark)
    {
        Path = path;
        _file = file;
        _text = text;
        IsGzip = isGzip;
        _maxLineBytes = maxLineBytes;
        _keepByteOrderMark = keepByteOrderMark;
    }

    public string Path { get; }
    public bool IsGzip { get; }

    /// <summary>1-based number of the line in <see cref="Current"/> (0 before the first line).</summary>
    public long LineNumber { get; private set; }

    public string Current { get; private set; } = string.Empty;
    public long LoneCarriageReturns { get; private set; }
    public bool ByteOrderMarkStripped { get; private set; }

    /// <summary>Share of the file on disk consumed so far (compressed bytes for gzip).</summary>
    public double? Fraction => _file.Length > 0 ? Math.Min(1.0, (double)_file.Position / _file.Length) : null;

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
        _lineLength = 0;
        _inLine = false;
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                // A final line without a terminator still counts; a trailing newline does not start another line.
                return _inLine && Complete();
            }

            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (_buffer[_position] == (byte)'\n')
                {
                    _position++;
                    continue;
                }

                LoneCarriageReturns++;
            }

            if (!_inLine)
            {
                _inLine = true;
                LineNumber++;
                _lineStartOffset = _bufferOffset + _position;
            }

            var available = _buffer.AsSpan(_position, _length - _position);
            var end = available.IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                Append(available);
                _position = _length;
                continue;
            }

            Append(available[..end]);
            _afterCarriageReturn = available[end] == (byte)'\r';
            _position += end + 1;
            return Complete();
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _bufferOffset += _length;
        _position = 0;
        _length = 0;
        try
        {
            // The first read gathers enough bytes to recognise any byte-order mark.
            var wanted = _started ? 1 : 4;
            while (!_endOfStream && _length < wanted)
            {
                var read = await _text.ReadAsync(_buffer.AsMemory(_length, BufferSize - _length), cancellationToken).ConfigureAwait(false);
                _endOfStream = read == 0;
                _length += read;
            }

            if (_endOfStream && IsGzip)
            {
                VerifyGzipTrailer(_bufferOffset + _length);
            }
        }
        catch (InvalidDataException e)
        {
            throw new CorpusFormatException(Path, _inLine ? LineNumber : LineNumber + 1, $"the gzip data is corrupt ({e.Message})", innerException: e);
        }

        if (!_started)
        {
            _started = true;
            InspectByteOrderMark();
        }

        if (_length > _position)
        {
            return true;
        }

        if (_afterCarriageReturn)
        {
            _afterCarriageReturn = false;
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
        var valid = _file.Length >= 18;
        if (valid)
        {
            _file.Position = _file.Length - 4;
            _file.ReadExactly(trailer);
            valid = BinaryPrimitives.ReadUInt32LittleEndian(trailer) == (uint)decompressedBytes;
        }

        if (!valid)
        {
            throw new CorpusFormatException(
                Path,
                _inLine ? LineNumber : LineNumber + 1,
                $"the gzip data ends after {decompressedBytes} bytes, which does not match the size in its trailer: the file is truncated or corrupt "
                + "(concatenated multi-member gzip files are not supported; recompress as one member)");
        }
    }

    private void InspectByteOrderMark()
    {
        var head = _buffer.AsSpan(0, _length);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            ByteOrderMarkStripped = !_keepByteOrderMark;
            _position = _keepByteOrderMark ? 0 : 3;
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
        var needed = _lineLength + bytes.Length;
        if (needed > _maxLineBytes)
        {
            throw new CorpusFormatException(
                Path,
                LineNumber,
                $"the line is longer than {_maxLineBytes} bytes (binary data, or a file without line breaks?)",
                _lineStartOffset);
        }

        if (needed > _line.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _line.Length * 2));
            _line.AsSpan(0, _lineLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_line);
            _line = larger;
        }

        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength = needed;
    }

    private bool Complete()
    {
        var bytes = _line.AsSpan(0, _lineLength);
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var problem = LineNumber == 1 && LooksLikeUtf16(bytes)
                ? "the file looks like UTF-16 without a byte-order mark (every other byte is NUL); corpora must be UTF-8"
                : "NUL byte found: the file is binary or not UTF-8 text";
            throw new CorpusFormatException(Path, LineNumber, problem, _lineStartOffset + nul);
        }

        if (!Utf8.IsValid(bytes))
        {
            var bad = FirstInvalidUtf8(bytes);
            throw new CorpusFormatException(
                Path,
                LineNumber,
                $"invalid UTF-8 byte sequence (0x{bytes[bad]:X2} at byte {bad + 1} of the line{(IsGzip ? "; offsets count decompressed bytes" : string.Empty)}); the file must be UTF-8",
                _lineStartOffset + bad);
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
        await _text.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<byte>.Shared.Return(_line);
    }
}
