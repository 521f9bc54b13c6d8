namespace Regurgitate.Web.Features.Analysis;

/// <summary>A word of a diffed sentence; <see cref="Changed"/> when it is not part of the longest common subsequence.</summary>
public sealed record DiffToken(string Text, bool Changed);

/// <summary>
/// Word-level differences between a reference and an output: both are split on whitespace and the words outside one
/// longest common subsequence (exact, case-sensitive match; dynamic programming, O(n·m)) are marked as changed.
/// Sentences longer than <see cref="MaxWords"/> words are not aligned (every word is marked changed) to bound the work.
/// </summary>
public static class WordDiff
{
    public const int MaxWords = 400;

    public static (IReadOnlyList<DiffToken> Reference, IReadOnlyList<DiffToken> Output) Compare(string? reference, string? output)
    {
        var a = Split(reference);
        var b = Split(output);
        if (a.Length > MaxWords || b.Length > MaxWords)
        {
            return (a.Select(w => new DiffToken(w, true)).ToArray(), b.Select(w => new DiffToken(w, true)).ToArray());
        }

        // lcs[i, j] = LCS length of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var inA = new bool[a.Length];
        var inB = new bool[b.Length];
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (string.Equals(a[i], b[j], StringComparison.Ordinal))
            {
                inA[i++] = true;
                inB[j++] = true;
            }
            else if (lcs[i + 1, j] >= lcs[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (a.Select((w, i) => new DiffToken(w, !inA[i])).ToArray(), b.Select((w, j) => new DiffToken(w, !inB[j])).ToArray());
    }

    private static string[] Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
