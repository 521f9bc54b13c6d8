using System.Text;
using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Tests.Data;

public sealed class TextLinesTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_utf8_bom_is_stripped_by_default()
    {
        var path = temp.Write("bom.txt", [.. Encoding.UTF8.GetPreamble(), .. "one\ntwo\n"u8]);

        Assert.Equal(["one", "two"], await TextLines.ReadAllAsync(path));
    }

    [Fact]
    public async Task Asked_to_keep_it_the_bom_is_the_first_character_of_line_one_only()
    {
        var plain = temp.Write("bom.txt", [.. Encoding.UTF8.GetPreamble(), .. "one\ntwo\n"u8]);
        var gzip = temp.Write("bom.gz", TempFolder.Gzip([.. Encoding.UTF8.GetPreamble(), .. "one\ntwo\n"u8]));

        Assert.Equal(["\uFEFFone", "two"], await TextLines.ReadAllAsync(plain, keepByteOrderMark: true));
        Assert.Equal(["\uFEFFone", "two"], await TextLines.ReadAllAsync(gzip, keepByteOrderMark: true));
    }

    [Fact]
    public async Task Keeping_the_bom_still_rejects_utf16()
    {
        var path = temp.Write("utf16.txt", [0xFF, 0xFE, (byte)'a', 0, (byte)'\n', 0]);

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => TextLines.ReadAllAsync(path, keepByteOrderMark: true));

        Assert.Contains("UTF-16 LE", error.Message, StringComparison.Ordinal);
    }
}
