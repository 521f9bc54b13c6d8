namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Tokens interned to dense integers (first occurrence gets the next id), so the lexical-diversity measures count
/// types with arrays instead of string dictionaries.
/// </summary>
internal static class TokenIds
{
    /// <summary>Ids of <paramref name="tokens"/> with a vocabulary of their own, and how many types they hold.</summary>
    public static (int[] Ids, int Types) Of(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        return (Intern(tokens, vocabulary), vocabulary.Count);
    }

    /// <summary>Ids of <paramref name="tokens"/>, adding unseen ones to the shared <paramref name="vocabulary"/>.</summary>
    public static int[] Intern(IReadOnlyList<string> tokens, Dictionary<string, int> vocabulary)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Id(tokens[i], vocabulary);
        }

        return ids;
    }

    /// <summary>The id of <paramref name="token"/>, adding it to <paramref name="vocabulary"/> when unseen.</summary>
    public static int Id(string token, Dictionary<string, int> vocabulary)
    {
        if (!vocabulary.TryGetValue(token, out var id))
        {
            id = vocabulary.Count;
            vocabulary.Add(token, id);
        }

        return id;
    }

    public static int CountTypes(ReadOnlySpan<int> ids, int types)
    {
        var seen = new bool[types];
        var count = 0;
        foreach (var id in ids)
        {
            if (!seen[id])
            {
                seen[id] = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>How often each id occurs, indexed by id.</summary>
    public static int[] Frequencies(ReadOnlySpan<int> ids, int types)
    {
        var frequencies = new int[types];
        foreach (var id in ids)
        {
            frequencies[id]++;
        }

        return frequencies;
    }
}
