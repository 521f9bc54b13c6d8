namespace Regurgitate.Engine.Tokenization;

/// <summary>
/// The GPT-2 byte-to-character table: every byte gets a printable, non-space character so that tokens can be written
/// to vocab.json/merges.txt (space-separated) and read by other tools. Bytes that are already printable Latin-1 map to
/// themselves; the rest (controls, space, NBSP, soft hyphen) map to U+0100 upwards in byte order.
/// Microsoft.ML.Tokenizers applies the same table when <c>ByteLevel</c> is on, so our token strings must agree with it.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToCharTable = BuildTable();

    private static readonly HashSet<char> ByteChars = [.. ByteToCharTable];

    public static char ToChar(byte b) => ByteToCharTable[b];

    public static bool IsByteChar(char c) => ByteChars.Contains(c);

    /// <summary>The single-character token string for each byte, index = byte value.</summary>
    public static IReadOnlyList<string> ByteTokens { get; } = ByteToCharTable.Select(c => c.ToString()).ToArray();

    public static string ToTokenString(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToCharTable[bytes[i]];
        }

        return new string(chars);
    }

    private static char[] BuildTable()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
