using Regurgitate.Engine.Mitigation.Detection;

namespace Regurgitate.Engine.Tests.Mitigation.Detection;

/// <summary>
/// Small generated corpus: for each source one "human" and one "machine" sentence from a shared vocabulary, where human
/// sentences tend to use "however" and curly quotes and machine ones "moreover" and straight quotes.
/// </summary>
internal static class SyntheticTexts
{
    private static readonly string[] Vocabulary =
        ["the", "house", "dog", "city", "minister", "said", "new", "report", "on", "in", "a", "was", "is", "year", "people", "government", "from", "with"];

    public static IReadOnlyList<DetectorExample> Create(int sources, int seed = 7)
    {
        var random = new Random(seed);
        var examples = new List<DetectorExample>();
        for (var s = 0; s < sources; s++)
        {
            examples.Add(new DetectorExample($"src-{s}", Sentence(random, random.NextDouble() < 0.7 ? "however" : "then", "“word”"), true));
            examples.Add(new DetectorExample($"src-{s}", Sentence(random, random.NextDouble() < 0.7 ? "moreover" : "then", "\"word\""), false));
        }

        return examples;
    }

    private static string Sentence(Random random, string marker, string quoted)
    {
        var words = Enumerable.Range(0, 8).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]).ToList();
        words.Insert(random.Next(words.Count), marker);
        if (random.NextDouble() < 0.5)
        {
            words.Insert(random.Next(words.Count), quoted);
        }

        return string.Join(' ', words) + ".";
    }
}
