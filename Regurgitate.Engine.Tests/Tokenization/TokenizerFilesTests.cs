using System.Text.Json;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Tokenization;

public class TokenizerFilesTests
{
    private static readonly string[] Probes =
    [
        "Der Mann läuft über die Straße.", "the girl with a red ball", "😀 漢字\t  x ", "",
    ];

    [Fact]
    public void Save_then_load_gives_identical_ids_and_model()
    {
        using var directory = new TemporaryDirectory();
        var original = TokenizationCorpus.Tokenizer;

        original.Save(directory.Path);
        var loaded = SubwordTokenizer.Load(directory.Path);

        Assert.Equal(original.Model.Tokens, loaded.Model.Tokens);
        Assert.Equal(original.Model.Merges, loaded.Model.Merges);
        foreach (var probe in Probes.Concat(TokenizationCorpus.Generated().Take(200)))
        {
            Assert.Equal(original.Encode(probe), loaded.Encode(probe));
        }
    }

    [Fact]
    public void Files_use_the_hugging_face_gpt2_formats()
    {
        using var directory = new TemporaryDirectory();
        var tokenizer = TokenizationCorpus.Tokenizer;
        tokenizer.Save(directory.Path);

        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(directory.Path, "vocab.json")))!;
        var lines = File.ReadAllLines(Path.Combine(directory.Path, "merges.txt"));

        Assert.Equal(tokenizer.VocabularySize, vocabulary.Count);
        Assert.Equal(0, vocabulary["<pad>"]);
        Assert.Equal(BpeModel.FirstByteId + ' ', vocabulary["Ġ"]);
        Assert.Equal("#version: 0.2", lines[0]);
        Assert.Equal(tokenizer.Model.Merges.Select(m => $"{m.Left} {m.Right}"), lines.Skip(1));
    }

    [Fact]
    public void Missing_files_are_named()
    {
        using var directory = new TemporaryDirectory();

        var missingVocabulary = Assert.Throws<FileNotFoundException>(() => SubwordTokenizer.Load(directory.Path));
        TokenizationCorpus.Tokenizer.Save(directory.Path);
        File.Delete(Path.Combine(directory.Path, "merges.txt"));
        var missingMerges = Assert.Throws<FileNotFoundException>(() => SubwordTokenizer.Load(directory.Path));

        Assert.EndsWith("vocab.json", missingVocabulary.FileName, StringComparison.Ordinal);
        Assert.EndsWith("merges.txt", missingMerges.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void Merges_cut_mid_line_report_file_and_line()
    {
        using var directory = SavedModel(out var mergesPath, out _);
        var lines = File.ReadAllLines(mergesPath);
        var cut = string.Join('\n', lines.Take(51)) + "\n" + lines[51].Split(' ')[0];
        File.WriteAllText(mergesPath, cut);

        var exception = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        Assert.Equal(mergesPath, exception.FilePath);
        Assert.Equal(52, exception.LineNumber);
        Assert.Contains("merges.txt, line 52", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merges_cut_at_a_line_boundary_are_detected_as_truncated()
    {
        using var directory = SavedModel(out var mergesPath, out _);
        File.WriteAllLines(mergesPath, File.ReadAllLines(mergesPath).Take(60));

        var exception = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        Assert.Equal(mergesPath, exception.FilePath);
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_using_an_unknown_or_not_yet_created_token_reports_its_line()
    {
        using var directory = SavedModel(out var mergesPath, out _);
        var lines = File.ReadAllLines(mergesPath);

        lines[10] = "nonsense token";
        File.WriteAllLines(mergesPath, lines);
        var unknown = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        // Swapping two dependent merges puts a merge before the one creating its input.
        TokenizationCorpus.Tokenizer.Save(directory.Path);
        var reordered = File.ReadAllLines(mergesPath);
        var (dependent, creator) = FindDependentMerge(reordered);
        (reordered[dependent], reordered[creator]) = (reordered[creator], reordered[dependent]);
        File.WriteAllLines(mergesPath, reordered);
        var early = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        Assert.Equal(11, unknown.LineNumber);
        Assert.Equal(creator + 1, early.LineNumber);
        Assert.Contains("before any earlier merge creates it", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_or_inconsistent_vocabulary_reports_the_file()
    {
        using var directory = SavedModel(out _, out var vocabularyPath);
        var json = File.ReadAllText(vocabularyPath);

        File.WriteAllText(vocabularyPath, json[..(json.Length / 2)]);
        var truncated = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        File.WriteAllText(vocabularyPath, json.Replace("\"<s>\": 1", "\"<s>\": 7", StringComparison.Ordinal));
        var duplicateId = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        File.WriteAllText(vocabularyPath, json.Replace("\"<pad>\": 0", "\"<PAD>\": 0", StringComparison.Ordinal));
        var wrongSpecial = Assert.Throws<TokenizerFileException>(() => SubwordTokenizer.Load(directory.Path));

        Assert.Equal(vocabularyPath, truncated.FilePath);
        Assert.NotNull(truncated.LineNumber);
        Assert.Contains("vocab.json", truncated.Message, StringComparison.Ordinal);
        Assert.Equal(vocabularyPath, duplicateId.FilePath);
        Assert.Contains("id 7", duplicateId.Message, StringComparison.Ordinal);
        Assert.Equal(vocabularyPath, wrongSpecial.FilePath);
        Assert.Contains("'<pad>'", wrongSpecial.Message, StringComparison.Ordinal);
    }

    private static TemporaryDirectory SavedModel(out string mergesPath, out string vocabularyPath)
    {
        var directory = new TemporaryDirectory();
        TokenizationCorpus.Tokenizer.Save(directory.Path);
        mergesPath = Path.Combine(directory.Path, SubwordTokenizer.MergesFileName);
        vocabularyPath = Path.Combine(directory.Path, SubwordTokenizer.VocabularyFileName);
        return directory;
    }

    /// <summary>Line indexes of a merge and of the earlier merge that creates one of its inputs.</summary>
    private static (int Dependent, int Creator) FindDependentMerge(string[] lines)
    {
        var createdAt = new Dictionary<string, int>();
        for (var i = 1; i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ');
            if (createdAt.TryGetValue(parts[0], out var creator) || createdAt.TryGetValue(parts[1], out creator))
            {
                return (i, creator);
            }

            createdAt[parts[0] + parts[1]] = i;
        }

        throw new InvalidOperationException("No merge builds on an earlier one.");
    }
}
