using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Tests.Data;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class MqmAnnotationReaderTests : IDisposable
{
    private const string Header = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static async Task<CorpusFormatException> FailsAt(string path, long? line)
    {
        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => MqmAnnotationReader.ReadAsync(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith(line is { } l ? $"'{path}', line {l}" : $"'{path}'", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task Reads_the_wmt_format_with_span_markers_verbatim()
    {
        var path = temp.Write("mqm.tsv", Header +
            "Online-A.1574\tnews.de\t1\t1\trater1\tDer <v>Hund</v> schläft.\tThe cat sleeps.\tAccuracy/Mistranslation\tMajor\n" +
            "Online-A.1574\tnews.de\t1\t1\trater1\tDer Hund schläft.\tThe cat sleeps\tFluency/Punctuation\tminor\n" +
            "\n" +
            "Online-A.1574\tnews.de\t1\t2\trater2\tJa.\tJa.\tNon-translation!\tMajor\n" +
            "Human-B.0\tnews.de\t1\t2\trater2\tJa.\tYes.\tNo-error\tno-error\n" +
            "Human-B.0\tnews.de\t1\t3\trater3\tJa.\tYes.\tStyle/Awkward\tNeutral\n" +
            "Human-B.0\tnews.de\t1\t4\trater3\tJa.\tYes!\tAccuracy/Addition\tCritical\n");

        var rows = await MqmAnnotationReader.ReadAsync(path);

        Assert.Equal(6, rows.Count);
        Assert.Equal(
            new MqmAnnotation("Online-A.1574", "news.de", "1", 1, "rater1", "Der <v>Hund</v> schläft.", "The cat sleeps.", "Accuracy/Mistranslation", MqmSeverity.Major, 2),
            rows[0]);
        Assert.Equal(
            [MqmSeverity.Major, MqmSeverity.Minor, MqmSeverity.Major, MqmSeverity.NoError, MqmSeverity.Neutral, MqmSeverity.Critical],
            rows.Select(r => r.Severity));
        Assert.Equal(5, rows[2].LineNumber); // the blank line 4 is skipped but counted
    }

    [Fact]
    public async Task Columns_are_found_by_name_and_gzip_is_recognised()
    {
        var text = "severity\tcategory\ttarget\tsource\trater\tseg_id\tdoc_id\tdoc\tsystem\textra\n" +
                   "Minor\tFluency/Grammar\tb\ta\tr\t7\t3\td\tsys\tignored\n";
        foreach (var path in new[] { temp.Write("reordered.tsv", text), temp.WriteGzip("reordered.tsv.gz", text) })
        {
            var row = Assert.Single(await MqmAnnotationReader.ReadAsync(path));
            Assert.Equal(new MqmAnnotation("sys", "d", "3", 7, "r", "a", "b", "Fluency/Grammar", MqmSeverity.Minor, 2), row);
        }
    }

    [Fact]
    public async Task An_unknown_severity_names_file_line_and_column()
    {
        var path = temp.Write("bad-severity.tsv", Header +
            "s\td\t1\t1\tr\ta\tb\tAccuracy/Omission\tMajor\n" +
            "s\td\t1\t2\tr\ta\tb\tAccuracy/Omission\tHuge\n");
        var error = await FailsAt(path, 3);
        Assert.Contains("column 9 ('severity')", error.Problem, StringComparison.Ordinal);
        Assert.Contains("unknown severity 'Huge'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_column_in_a_line_or_the_header_is_an_error()
    {
        var shortLine = temp.Write("short.tsv", Header + "s\td\t1\t1\tr\ta\tb\tAccuracy/Omission\n");
        var error = await FailsAt(shortLine, 2);
        Assert.Contains("column 9 ('severity') is missing", error.Problem, StringComparison.Ordinal);
        Assert.Contains("8 tab-separated fields", error.Problem, StringComparison.Ordinal);

        var noRater = temp.Write("no-rater.tsv", "system\tdoc\tdoc_id\tseg_id\tsource\ttarget\tcategory\tseverity\n");
        error = await FailsAt(noRater, 1);
        Assert.Contains("'rater'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_segment_id_invalid_utf8_and_an_empty_file_are_errors()
    {
        var badSegment = temp.Write("bad-seg.tsv", Header + "s\td\t1\tone\tr\ta\tb\tc\tMinor\n");
        var error = await FailsAt(badSegment, 2);
        Assert.Contains("column 4 ('seg_id')", error.Problem, StringComparison.Ordinal);

        var badUtf8 = temp.Write("bad-utf8.tsv", [.. System.Text.Encoding.UTF8.GetBytes(Header), .. "s\td\t1\t1\tr\t"u8, 0xE4, .. "\tb\tc\tMinor\n"u8]);
        error = await FailsAt(badUtf8, 2);
        Assert.Contains("invalid UTF-8", error.Problem, StringComparison.Ordinal);

        await FailsAt(temp.Write("empty.tsv", string.Empty), null);
    }
}
