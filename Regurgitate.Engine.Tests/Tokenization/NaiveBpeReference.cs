using System.Text;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Tokenization;

/// <summary>
/// Textbook BPE with a full recount of all pairs before every merge and the same tie-break as <see cref="BpeLearner"/>.
/// Too slow for real use; it exists to check the learner's incremental pair-count bookkeeping.
/// </summary>
internal static class NaiveBpeReference
{
    public static List<BpeMerge> Learn(IEnumerable<string> sentences, int vocabularySize, int minPairFrequency)
    {
        var pieces = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var (offset, length) in SubwordPreTokenizer.Instance.PreTokenize(sentence))
            {
                var piece = sentence.Substring(offset, length);
                pieces[piece] = pieces.GetValueOrDefault(piece) + 1;
            }
        }

        var words = pieces.Select(p => (Symbols: Encoding.UTF8.GetBytes(p.Key).Select(b => BpeModel.FirstByteId + b).ToList(), Count: p.Value)).ToList();
        var tokens = new List<string>([.. SpecialTokens.All, .. Enumerable.Range(0, 256).Select(b => ByteLevelAlphabet.ToChar((byte)b).ToString())]);
        var merges = new List<BpeMerge>();
        var banned = new HashSet<(int, int)>();
        while (tokens.Count < vocabularySize)
        {
            var counts = new Dictionary<(int Left, int Right), int>();
            foreach (var (symbols, count) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
                }
            }

            var candidates = counts.Where(c => !banned.Contains(c.Key)).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var best = candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Left).ThenBy(c => c.Key.Right).First();
            if (best.Value < minPairFrequency)
            {
                break;
            }

            var (left, right) = best.Key;
            if (tokens.Contains(tokens[left] + tokens[right]))
            {
                banned.Add(best.Key);
                continue;
            }

            var id = tokens.Count;
            tokens.Add(tokens[left] + tokens[right]);
            merges.Add(new BpeMerge(tokens[left], tokens[right]));
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == left && symbols[i + 1] == right)
                    {
                        symbols[i] = id;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        return merges;
    }
}
