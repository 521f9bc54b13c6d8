using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// A PDF reader's view of the fonts a one-page figure uses: objects found through the xref table (not by searching
/// the text), the page's /Font resources, each font's /FontDescriptor and the embedded font file it points to.
/// </summary>
public static partial class PdfFontTable
{
    public sealed record PdfFont(string ResourceName, string Dictionary, string? Descriptor, byte[]? FontFile2)
    {
        public string BaseFont => Name().Match(Dictionary).Groups[1].Value;

        public string Subtype => SubtypeName().Match(Dictionary).Groups[1].Value;

        public IReadOnlyList<double> Widths => [.. WidthsArray().Match(Dictionary).Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => double.Parse(w, CultureInfo.InvariantCulture))];

        public int FirstChar => int.Parse(FirstCharNumber().Match(Dictionary).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<PdfFont> Read(byte[] pdf)
    {
        var objects = Objects(pdf);
        var page = objects.Values.Single(o => o.Dictionary.Contains("/Type /Page ", StringComparison.Ordinal)).Dictionary;
        var resources = FontResources().Match(page);
        Assert.True(resources.Success, "the page has no /Font resources");
        var fonts = new List<PdfFont>();
        foreach (Match font in Reference().Matches(resources.Groups[1].Value))
        {
            var dictionary = objects[int.Parse(font.Groups[2].Value, CultureInfo.InvariantCulture)].Dictionary;
            var descriptorRef = DescriptorReference().Match(dictionary);
            var descriptor = descriptorRef.Success ? objects[int.Parse(descriptorRef.Groups[1].Value, CultureInfo.InvariantCulture)].Dictionary : null;
            var fileRef = descriptor is null ? Match.Empty : FontFile2Reference().Match(descriptor);
            var file = fileRef.Success ? objects[int.Parse(fileRef.Groups[1].Value, CultureInfo.InvariantCulture)].Stream : null;
            fonts.Add(new PdfFont(font.Groups[1].Value, dictionary, descriptor, file));
        }

        return fonts;
    }

    private static Dictionary<int, (string Dictionary, byte[]? Stream)> Objects(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var xrefAt = int.Parse(StartXref().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var header = XrefHeader().Match(text, xrefAt);
        var count = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
        var objects = new Dictionary<int, (string, byte[]?)>();
        for (var i = 1; i < count; i++)
        {
            var offset = int.Parse(text.AsSpan(header.Index + header.Length + (20 * i), 10), CultureInfo.InvariantCulture);
            var start = offset + $"{i} 0 obj\n".Length;
            Assert.StartsWith($"{i} 0 obj\n", text[offset..], StringComparison.Ordinal);
            var end = text.IndexOf("\nendobj\n", start, StringComparison.Ordinal);
            var streamAt = text.IndexOf(">>\nstream\n", start, StringComparison.Ordinal);
            if (streamAt >= 0 && streamAt < end)
            {
                var dictionary = text[start..(streamAt + 2)];
                var length = int.Parse(StreamLength().Match(dictionary).Groups[1].Value, CultureInfo.InvariantCulture);
                var dataAt = streamAt + ">>\nstream\n".Length;
                Assert.StartsWith("\nendstream\nendobj\n", text[(dataAt + length)..], StringComparison.Ordinal);
                objects[i] = (dictionary, pdf[dataAt..(dataAt + length)]);
            }
            else
            {
                objects[i] = (text[start..end], null);
            }
        }

        return objects;
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"\Gxref\n0 (\d+)\n")]
    private static partial Regex XrefHeader();

    [GeneratedRegex(@"/Length (\d+)")]
    private static partial Regex StreamLength();

    [GeneratedRegex(@"/Font << ((?:/\w+ \d+ 0 R ?)+)>>")]
    private static partial Regex FontResources();

    [GeneratedRegex(@"/(\w+) (\d+) 0 R")]
    private static partial Regex Reference();

    [GeneratedRegex(@"/FontDescriptor (\d+) 0 R")]
    private static partial Regex DescriptorReference();

    [GeneratedRegex(@"/FontFile2 (\d+) 0 R")]
    private static partial Regex FontFile2Reference();

    [GeneratedRegex(@"/BaseFont /([^\s/\[<]+)")]
    private static partial Regex Name();

    [GeneratedRegex(@"/Subtype /(\w+)")]
    private static partial Regex SubtypeName();

    [GeneratedRegex(@"/Widths \[([^\]]*)\]")]
    private static partial Regex WidthsArray();

    [GeneratedRegex(@"/FirstChar (\d+)")]
    private static partial Regex FirstCharNumber();
}
