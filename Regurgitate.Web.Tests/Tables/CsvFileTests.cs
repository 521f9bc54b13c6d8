using System.Globalization;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Tests.Tables;

public sealed class CsvFileTests
{
    [Fact]
    public void Plain_cells_are_written_as_they_are_with_crlf_line_endings()
    {
        Assert.Equal("a,b\r\n1,2\r\n", CsvFile.ToText([["a", "b"], ["1", "2"]]));
    }

    [Theory]
    [InlineData("GPT-4, v2", "\"GPT-4, v2\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData(" padded ", " padded ")]
    [InlineData("", "")]
    public void Cells_are_quoted_only_when_they_hold_a_comma_a_quote_or_a_line_break(string cell, string written)
    {
        Assert.Equal($"x,{written}\r\n", CsvFile.ToText([["x", cell]]));
    }

    [Theory]
    [InlineData("=SUM(A1:A2)")]
    [InlineData("+1")]
    [InlineData("-0.5")]
    [InlineData("@cmd")]
    public void Cells_that_start_like_a_formula_are_kept_as_they_are_as_before(string cell)
    {
        // No formula protection (as the hand-written quoters did): negative numbers must stay numbers.
        Assert.Equal($"x,{cell}\r\n", CsvFile.ToText([["x", cell]]));
    }

    [Fact]
    public void Archive_entries_end_their_lines_with_lf_only()
    {
        Assert.Equal("step,name\n1,\"a,b\"\n", CsvFile.ToText([["step", "name"], ["1", "a,b"]], CsvFile.Lf));
    }

    [Fact]
    public void A_streamed_writer_writes_the_same_text()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvFile.OpenWriter(text))
        {
            CsvFile.WriteRecord(writer, ["a", "b,c"]);
        }

        Assert.Equal("a,\"b,c\"\r\n", text.ToString());
    }

    [Fact]
    public void Figure_numbers_are_culture_invariant()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var csv = FigureCsv.Build(FigureSamples.LearningCurves());

            Assert.Contains("real,1000,8.1", csv, StringComparison.Ordinal);
            Assert.DoesNotContain("12,4", csv, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_data_url_downloads_utf8_csv()
    {
        Assert.Equal("data:text/csv;charset=utf-8,a%2Cb%0D%0A", CsvFile.DataUrl("a,b\r\n"));
    }
}
