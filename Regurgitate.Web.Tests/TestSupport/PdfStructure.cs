using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Checks the skeleton of a one-page PDF (header, xref offsets, trailer, startxref, %%EOF) and reads its MediaBox.</summary>
public static partial class PdfStructure
{
    public static (double Width, double Height) AssertValidAndReadMediaBox(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.4\n", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);

        var startxref = StartXref().Match(text);
        Assert.True(startxref.Success, "no startxref");
        var xrefAt = int.Parse(startxref.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("xref", text.Substring(xrefAt, 4));

        var header = XrefHeader().Match(text, xrefAt);
        Assert.True(header.Success, "no xref subsection header");
        var count = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
        var entries = header.Index + header.Length;
        for (var i = 1; i < count; i++)
        {
            var entry = text.Substring(entries + (20 * i), 20);
            Assert.EndsWith(" 00000 n\r\n", entry, StringComparison.Ordinal);
            var offset = int.Parse(entry[..10], CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }

        Assert.Contains($"trailer\n<< /Size {count} /Root 1 0 R", text, StringComparison.Ordinal);
        var length = StreamLength().Match(text);
        Assert.True(length.Success, "no content stream");
        var streamStart = length.Index + length.Length;
        Assert.StartsWith("\nendstream", text[(streamStart + int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture))..], StringComparison.Ordinal);

        var box = MediaBox().Match(text);
        Assert.True(box.Success, "no MediaBox");
        return (double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"\Gxref\n0 (\d+)\n")]
    private static partial Regex XrefHeader();

    [GeneratedRegex(@"<< /Length (\d+) >>\nstream\n")]
    private static partial Regex StreamLength();

    [GeneratedRegex(@"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]")]
    private static partial Regex MediaBox();
}
