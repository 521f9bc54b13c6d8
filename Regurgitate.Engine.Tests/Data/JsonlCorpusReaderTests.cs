using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Tests.Data;

public sealed class JsonlCorpusReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static async Task<CorpusFormatException> FailsAt(string path, long? line, JsonlFields? fields = null, CorpusReadOptions? options = null)
    {
        var error = await Assert.ThrowsAsync<CorpusFormatException>(() => JsonlCorpusReader.LoadAsync(path, fields, options));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith(line is { } l ? $"'{path}', line {l}" : $"'{path}'", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task Reads_top_level_fields_with_escapes_and_markup_verbatim()
    {
        var path = temp.Write("a.jsonl", """
            {"de": "Hallo Welt.", "en": "Hello world."}
            {"en": "Two <b>dogs</b>.", "id": 7, "de": "Zwei \"Hunde\"\u00e4.\tTab"}
            """);

        var corpus = await JsonlCorpusReader.LoadAsync(path);

        Assert.Equal([new SentencePair("Hallo Welt.", "Hello world."), new SentencePair("Zwei \"Hunde\"ä.\tTab", "Two <b>dogs</b>.")], corpus.Pairs);
        Assert.Equal(2, corpus.Report.PairsAccepted);
    }

    [Fact]
    public async Task Reads_hugging_face_translation_objects_from_gzip()
    {
        var path = temp.WriteGzip("wmt.jsonl.gz", """
            {"translation": {"de": "Guten Morgen.", "en": "Good morning."}}
            {"translation": {"en": "Thanks.", "de": "Danke."}}

            """);

        var corpus = await JsonlCorpusReader.LoadAsync(path);

        Assert.Equal([new SentencePair("Guten Morgen.", "Good morning."), new SentencePair("Danke.", "Thanks.")], corpus.Pairs);
    }

    [Fact]
    public async Task Field_names_are_configurable()
    {
        var path = temp.Write("c.jsonl", """{"src": "Ja.", "tgt": "Yes.", "de": 1}""" + "\n");

        var corpus = await JsonlCorpusReader.LoadAsync(path, new JsonlFields { Source = "src", Target = "tgt", Container = null });

        Assert.Equal([new SentencePair("Ja.", "Yes.")], corpus.Pairs);
    }

    [Fact]
    public async Task Invalid_json_names_file_and_line()
    {
        var path = temp.Write("bad.jsonl", "{\"de\": \"a\", \"en\": \"b\"}\n{\"de\": \"a\", \"en\": \"b\"\n");

        var error = await FailsAt(path, 2);

        Assert.Contains("not valid JSON", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_field_says_which_and_what_shape_was_expected()
    {
        var path = temp.Write("missing.jsonl", "{\"de\": \"a\", \"en\": \"b\"}\n{\"de\": \"a\", \"english\": \"b\"}\n");

        var error = await FailsAt(path, 2);

        Assert.Contains("no field 'en'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("\"translation\"", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"a\", \"b\"]", "expected a JSON object per line, found an array")]
    [InlineData("{\"de\": 5, \"en\": \"b\"}", "field 'de' must be a string, found a number")]
    [InlineData("{\"de\": \"a\", \"en\": null}", "field 'en' must be a string, found null")]
    [InlineData("{\"translation\": \"a\"}", "field 'translation' must be an object")]
    public async Task Wrong_shapes_are_named(string line, string expected)
    {
        var path = temp.Write("shape.jsonl", line + "\n");

        var error = await FailsAt(path, 1);

        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_sides_follow_the_empty_line_policy()
    {
        var path = temp.Write("empty.jsonl", "{\"de\": \"a\", \"en\": \"b\"}\n{\"de\": \"c\", \"en\": \"  \"}\n\n{\"de\": \"d\", \"en\": \"e\"}\n");

        var error = await FailsAt(path, 2);
        Assert.Contains("target (English) side", error.Problem, StringComparison.Ordinal);

        var skipped = await JsonlCorpusReader.LoadAsync(path, options: new CorpusReadOptions { EmptyLines = LinePolicy.Skip });
        Assert.Equal(2, skipped.Pairs.Count);
        Assert.Equal(2, skipped.Report.EmptyLinesSkipped);
    }

    [Fact]
    public async Task Invalid_utf8_and_empty_files_are_rejected()
    {
        var bad = temp.Write("bad-utf8.jsonl", [.. "{\"de\": \"a\", \"en\": \"b\"}\n{\"de\": \""u8, 0xE4, .. "\", \"en\": \"b\"}\n"u8]);
        var error = await FailsAt(bad, 2);
        Assert.Contains("invalid UTF-8", error.Problem, StringComparison.Ordinal);

        var empty = temp.Write("empty-file.jsonl", string.Empty);
        await FailsAt(empty, null);
    }

    [Theory]
    [InlineData("x.tsv", ParallelFormat.Tsv)]
    [InlineData("x.TSV.gz", ParallelFormat.Tsv)]
    [InlineData("dir/x.jsonl", ParallelFormat.Jsonl)]
    [InlineData("x.json.gz", ParallelFormat.Jsonl)]
    [InlineData("train.de.gz", ParallelFormat.PlainPair)]
    [InlineData("train.en", ParallelFormat.PlainPair)]
    [InlineData("notes.txt", null)]
    public void Formats_are_detected_by_extension(string name, ParallelFormat? expected) =>
        Assert.Equal(expected, ParallelFormats.Detect(name));
}
