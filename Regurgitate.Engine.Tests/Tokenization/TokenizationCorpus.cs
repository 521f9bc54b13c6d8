using System.IO.Compression;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Tokenization;

/// <summary>Small deterministic corpora and a model learned once from them, shared by the tokenization tests.</summary>
internal static class TokenizationCorpus
{
    private static readonly string[] German =
    [
        "der", "die", "das", "Mann", "Frau", "Kinder", "spielen", "läuft", "über", "Straße", "schöne", "größer",
        "Fußball", "Mädchen", "Hund", "Häuser", "grünen", "Wiese", "mit", "einem", "roten", "Ball", "vor", "weißen",
    ];

    private static readonly string[] English =
    [
        "the", "a", "man", "woman", "children", "playing", "runs", "over", "street", "beautiful", "larger",
        "football", "girl", "dog", "houses", "green", "meadow", "with", "red", "ball", "in", "front", "of", "white",
    ];

    /// <summary>Target size used for <see cref="Tokenizer"/>; the generated corpus has far more pairs than that.</summary>
    public static BpeLearner Learner { get; } = new(vocabularySize: 400, minPairFrequency: 2);

    private static readonly Lazy<SubwordTokenizer> SharedTokenizer = new(() => new SubwordTokenizer(Learner.Learn(Generated())));

    /// <summary>Tokenizer learned from <see cref="Generated"/> with <see cref="Learner"/>; learned once per test run.</summary>
    public static SubwordTokenizer Tokenizer => SharedTokenizer.Value;

    /// <summary>1,000 German and 1,000 English sentences from fixed word lists with a fixed seed.</summary>
    public static IReadOnlyList<string> Generated()
    {
        var random = new Random(20240611);
        var sentences = new List<string>(2000);
        foreach (var words in new[] { German, English })
        {
            for (var i = 0; i < 1000; i++)
            {
                var length = random.Next(3, 12);
                var picked = Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]);
                var sentence = string.Join(' ', picked);
                sentences.Add(char.ToUpperInvariant(sentence[0]) + sentence[1..] + (random.Next(4) == 0 ? "!" : "."));
            }
        }

        return sentences;
    }

    public static IEnumerable<string> ReadGzipLines(string relativePath)
    {
        using var stream = new GZipStream(File.OpenRead(Path.Combine(SharedFolders.Data, relativePath)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
