using System.Text;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Tests.Data;

public sealed class ParallelCorpusReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static Task<LoadedCorpus> Load(string de, string en, CorpusReadOptions? options = null) =>
        ParallelCorpusReader.LoadPairsAsync(de, en, options, cancellationToken: CancellationToken.None);

    private static async Task<CorpusFormatException> FailsAt(Task task, string path, long? line)
    {
        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => task);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        if (line is { } l)
        {
            Assert.Contains($"line {l}", error.Message, StringComparison.Ordinal);
        }

        return error;
    }

    [Fact]
    public async Task Reads_aligned_plain_pair()
    {
        var de = temp.Write("a.de", "Hallo Welt.\nZwei Hunde.\n");
        var en = temp.Write("a.en", "Hello world.\nTwo dogs.\n");

        var corpus = await Load(de, en);

        Assert.Equal([new SentencePair("Hallo Welt.", "Hello world."), new SentencePair("Zwei Hunde.", "Two dogs.")], corpus.Pairs);
        Assert.Equal(2, corpus.Report.PairsAccepted);
    }

    [Fact]
    public async Task Invalid_utf8_names_file_line_and_byte_offset()
    {
        var de = temp.Write("bad.de", [.. "eins\nzwei "u8, 0xC3, 0x28, .. "\n"u8]);
        var en = temp.Write("bad.en", "one\ntwo\n");

        var error = await FailsAt(Load(de, en), de, 2);

        Assert.Equal(10, error.ByteOffset);
        Assert.Contains("byte offset 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF }, "overlong encoding")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "encoded surrogate")]
    [InlineData(new byte[] { 0xE2, 0x82 }, "sequence cut off at the line end")]
    [InlineData(new byte[] { 0xE4 }, "Latin-1 'ä'")]
    public async Task Every_kind_of_invalid_utf8_is_rejected_at_its_offset(byte[] bad, string kind)
    {
        var path = temp.Write("k.de", [.. "ab"u8, .. bad, .. "\n"u8]);
        var en = temp.Write("k.en", "one\n");

        var error = await FailsAt(Load(path, en), path, 1);

        Assert.True(error.ByteOffset == 2, $"{kind}: offset {error.ByteOffset}");
    }

    [Fact]
    public async Task Utf16_with_bom_is_reported_as_wrong_encoding()
    {
        var de = temp.Write("u16.de", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Hallo\n")]);
        var en = temp.Write("u16.en", "Hello\n");

        var error = await FailsAt(Load(de, en), de, 1);

        Assert.Contains("UTF-16 LE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16_without_bom_is_reported_as_wrong_encoding_not_just_binary()
    {
        var de = temp.Write("u16nobom.de", Encoding.Unicode.GetBytes("Hallo Welt\n"));
        var en = temp.Write("u16nobom.en", "Hello world\n");

        var error = await FailsAt(Load(de, en), de, 1);

        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_bom_is_accepted_and_stripped()
    {
        var de = temp.Write("bom.de", [.. Encoding.UTF8.GetPreamble(), .. "Hallo\n"u8]);
        var en = temp.Write("bom.en", "Hello\n");

        var corpus = await Load(de, en);

        Assert.Equal("Hallo", Assert.Single(corpus.Pairs).Source);
        Assert.Equal(1, corpus.Report.ByteOrderMarksStripped);
    }

    [Fact]
    public async Task Mismatched_line_counts_name_both_files_and_both_counts()
    {
        var de = temp.Write("m.de", "a\nb\nc\n");
        var en = temp.Write("m.en", "a\nb\nc\nd\ne\n");

        var error = await FailsAt(Load(de, en), de, 4);

        Assert.Contains($"'{de}' has 3 lines", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{en}' has 5 lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_files_are_an_error()
    {
        var de = temp.Write("e.de", string.Empty);
        var en = temp.Write("e.en", string.Empty);

        var error = await FailsAt(Load(de, en), de, null);

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_empty_file_is_a_line_count_mismatch()
    {
        var de = temp.Write("e1.de", "Hallo\n");
        var en = temp.Write("e1.en", string.Empty);

        var error = await FailsAt(Load(de, en), en, 1);

        Assert.Contains($"'{en}' has 0 lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_line_on_one_side_fails_by_default_naming_that_side()
    {
        var de = temp.Write("el.de", "eins\nzwei\ndrei\n");
        var en = temp.Write("el.en", "one\n\nthree\n");

        var error = await FailsAt(Load(de, en), en, 2);

        Assert.Contains("empty line on the target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_line_is_skipped_and_counted_when_the_policy_says_so()
    {
        var de = temp.Write("el.de", "eins\nzwei\ndrei\n");
        var en = temp.Write("el.en", "one\n  \nthree\n");

        var corpus = await Load(de, en, new CorpusReadOptions { EmptyLines = LinePolicy.Skip });

        Assert.Equal(["eins", "drei"], corpus.Pairs.Select(p => p.Source));
        Assert.Equal(1, corpus.Report.EmptyLinesSkipped);
        var issue = Assert.Single(corpus.Report.Issues);
        Assert.Equal((CorpusIssueKind.EmptyLine, en, 2L), (issue.Kind, issue.FilePath, issue.LineNumber));
    }

    [Fact]
    public async Task Nul_bytes_are_reported_as_binary_content()
    {
        var de = temp.Write("bin.de", [.. "Hallo\nWe"u8, 0x00, 0x01, 0x02, 0xFF, .. "lt\n"u8]);
        var en = temp.Write("bin.en", "Hello\nWorld\n");

        var error = await FailsAt(Load(de, en), de, 2);

        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, error.ByteOffset);
    }

    [Fact]
    public async Task Crlf_and_lone_cr_line_breaks_are_accepted()
    {
        var de = temp.Write("crlf.de", "eins\r\nzwei\r\ndrei");
        var en = temp.Write("crlf.en", "one\rtwo\r\nthree\r");

        var corpus = await Load(de, en);

        Assert.Equal(["eins", "zwei", "drei"], corpus.Pairs.Select(p => p.Source));
        Assert.Equal(["one", "two", "three"], corpus.Pairs.Select(p => p.Target));
        Assert.Equal(2, corpus.Report.LoneCarriageReturns);
    }

    [Fact]
    public async Task Line_longer_than_the_limit_is_an_error()
    {
        var huge = new string('x', 1_100_000);
        var de = temp.Write("huge.de", $"kurz\n{huge}\n");
        var en = temp.Write("huge.en", $"short\n{huge}\n");

        var error = await FailsAt(Load(de, en), de, 2);

        Assert.Contains("longer than 1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_line_length_is_configurable()
    {
        var de = temp.Write("l.de", "kurz\nein etwas längerer Satz\n");
        var en = temp.Write("l.en", "short\na somewhat longer sentence\n");

        await FailsAt(Load(de, en, new CorpusReadOptions { MaxLineBytes = 16 }), de, 2);
    }

    [Fact]
    public async Task Gzip_is_detected_by_magic_bytes_not_by_name()
    {
        var de = temp.Write("g.txt", TempFolder.Gzip("Hallo\n"u8.ToArray()));
        var en = temp.WriteGzip("g.en.gz", "Hello\n");
        var plainNamedGz = temp.Write("p.en.gz", "Hello\n");

        var gz = await Load(de, en);
        var plain = await Load(de, plainNamedGz);

        Assert.Equal(new SentencePair("Hallo", "Hello"), Assert.Single(gz.Pairs));
        Assert.Equal(new SentencePair("Hallo", "Hello"), Assert.Single(plain.Pairs));
    }

    [Fact]
    public async Task Corrupt_gzip_is_an_error_naming_the_file()
    {
        var text = string.Concat(Enumerable.Range(0, 2000).Select(i => $"Satz Nummer {i} mit etwas Text.\n"));
        var bytes = TempFolder.Gzip(Encoding.UTF8.GetBytes(text));
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 16; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var de = temp.Write("corrupt.de.gz", bytes);
        var en = temp.Write("corrupt.en", text);

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => Load(de, en));

        Assert.Equal(de, error.FilePath);
        Assert.Contains(de, error.Message, StringComparison.Ordinal);
        Assert.Contains("gzip", error.Problem, StringComparison.Ordinal);
        Assert.NotNull(error.LineNumber);
        Assert.Contains($"line {error.LineNumber}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_gzip_is_an_error_naming_the_file()
    {
        var text = string.Concat(Enumerable.Range(0, 2000).Select(i => $"Satz Nummer {i} mit etwas Text.\n"));
        var bytes = TempFolder.Gzip(Encoding.UTF8.GetBytes(text));
        var de = temp.Write("trunc.de.gz", bytes[..(bytes.Length / 2)]);
        var en = temp.Write("trunc.en", text);

        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => Load(de, en));

        Assert.Contains(de, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Length_ratio_outliers_are_skipped_and_reported_by_default()
    {
        var de = temp.Write("r.de", "@@\nZwei Hunde spielen.\n");
        var en = temp.Write("r.en", "Front stroke swimming race roped off lap areas.\nTwo dogs play.\n");

        var corpus = await Load(de, en);

        Assert.Equal("Zwei Hunde spielen.", Assert.Single(corpus.Pairs).Source);
        Assert.Equal(1, corpus.Report.LengthRatioOutliersSkipped);
        Assert.Equal(1, Assert.Single(corpus.Report.Issues).LineNumber);
    }

    [Fact]
    public async Task Length_ratio_threshold_and_policy_are_configurable()
    {
        var de = temp.Write("r.de", "Ja\nZwei Hunde spielen.\n");
        var en = temp.Write("r.en", "Yes, indeed\nTwo dogs play.\n");

        var kept = await Load(de, en);
        var error = await FailsAt(Load(de, en, new CorpusReadOptions { MaxLengthRatio = 3, LengthRatioOutliers = LinePolicy.Fail }), de, 1);

        Assert.Equal(2, kept.Pairs.Count);
        Assert.Contains("length ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_names_the_path()
    {
        var de = temp.Write("x.de", "a\n");
        var en = Path.Combine(temp.Path, "missing.en");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => Load(de, en));

        Assert.Contains(en, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_tsv()
    {
        var tsv = temp.Write("c.tsv", "Hallo\tHello\r\nZwei Hunde\tTwo dogs\n");

        var corpus = await ParallelCorpusReader.LoadTsvAsync(tsv, cancellationToken: CancellationToken.None);

        Assert.Equal([new SentencePair("Hallo", "Hello"), new SentencePair("Zwei Hunde", "Two dogs")], corpus.Pairs);
    }

    [Theory]
    [InlineData("Hallo\tHello\nkein Tab hier\n", 2, 0)]
    [InlineData("Hallo\tHello\nHallo\tWelt\tWorld\n", 2, 2)]
    public async Task Tsv_line_without_exactly_one_tab_is_an_error(string text, long line, int tabs)
    {
        var tsv = temp.Write("t.tsv", text);

        var error = await FailsAt(ParallelCorpusReader.LoadTsvAsync(tsv, cancellationToken: CancellationToken.None), tsv, line);

        Assert.Contains($"found {tabs}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tsv_empty_side_follows_the_empty_line_policy()
    {
        var tsv = temp.Write("t.tsv", "Hallo\tHello\nZwei Hunde\t\n");

        await FailsAt(ParallelCorpusReader.LoadTsvAsync(tsv, cancellationToken: CancellationToken.None), tsv, 2);
        var skipped = await ParallelCorpusReader.LoadTsvAsync(tsv, new CorpusReadOptions { EmptyLines = LinePolicy.Skip }, cancellationToken: CancellationToken.None);

        Assert.Single(skipped.Pairs);
    }

    [Fact]
    public async Task Lines_spanning_buffer_boundaries_are_read_intact()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"Zeile {i} " + new string('ä', i % 97)).ToArray();
        var de = temp.WriteGzip("big.de.gz", string.Join("\r\n", lines) + "\r\n");
        var en = temp.Write("big.en", string.Join("\n", lines.Select(l => l.ToUpperInvariant())));

        var corpus = await Load(de, en);

        Assert.Equal(lines, corpus.Pairs.Select(p => p.Source));
        Assert.Equal(lines.Select(l => l.ToUpperInvariant()), corpus.Pairs.Select(p => p.Target));
    }

    [Fact]
    public async Task Reading_honours_cancellation()
    {
        var de = temp.Write("c.de", "a\nb\n");
        var en = temp.Write("c.en", "a\nb\n");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ParallelCorpusReader.LoadPairsAsync(de, en, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Progress_is_reported_up_to_completion()
    {
        var text = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"s{i}\n"));
        var de = temp.Write("p.de", text);
        var en = temp.Write("p.en", text);
        var reports = new List<CorpusReadProgress>();

        await ParallelCorpusReader.LoadPairsAsync(de, en, progress: new SynchronousProgress<CorpusReadProgress>(reports.Add), cancellationToken: CancellationToken.None);

        Assert.Equal([4096L, 8192L, 10_000L], reports.Select(r => r.PairsRead));
        Assert.Equal(1.0, reports[^1].Fraction);
    }
}
