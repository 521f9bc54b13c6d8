

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// PDF's WinAnsiEncoding (Windows code page 1252 as the PDF specification defines it), the single-byte encoding of
/// figure text. Characters it lacks are drawn as '?', so measuring and drawing both go through <see cref="Encode"/>.
/// </summary>
internal static class WinAnsiEncoding
{
    // Codes 0x80..0x9F; '\0' marks the five codes WinAnsi leaves undefined.
    private const string HighControls = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

    public static byte Encode(char c)
    {
        if (c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF')
        {
            return (byte)c;
        }

        if (c == '\u2212')
        {
            // The minus sign has no WinAnsi code; the en dash is the same width in both fonts.
            return 0x96;
        }

        var high = c == '\0' ? -1 : HighControls.IndexOf(c, StringComparison.Ordinal);
        return high >= 0 ? (byte)(0x80 + high) : (byte)'?';
    }

    /// <summary>The character a code stands for, or null for control and undefined codes.</summary>
    public static char? Decode(byte code) => code switch
    {
        >= 0x20 and <= 0x7E or >= 0xA0 => (char)code,
        >= 0x80 and <= 0x9F when HighControls[code - 0x80] != '\0' => HighControls[code - 0x80],
        _ => null,
    };
}
