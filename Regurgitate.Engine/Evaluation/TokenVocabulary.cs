namespace Regurgitate.Engine.Evaluation;

/// <summary>Interns tokens to dense ids so that n-grams can be matched as integer sequences without allocating.</summary>
internal sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<Range> ranges = [];

    public TokenVocabulary() => lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => ids.Count;

    public int Intern(ReadOnlySpan<char> token)
    {
        if (lookup.TryGetValue(token, out var id))
        {
            return id;
        }

        id = ids.Count;
        lookup[token] = id;
        return id;
    }

    /// <summary>Python's <c>text.split()</c>, as token ids.</summary>
    public int[] SplitAndIntern(string text)
    {
        PyText.SplitRanges(text, ranges);
        var ids = new int[ranges.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Intern(text.AsSpan()[ranges[i]]);
        }

        return ids;
    }

    public int[] Intern(IReadOnlyList<string> tokens)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Intern(tokens[i]);
        }

        return ids;
    }
}
