namespace Regurgitate.Engine.Evaluation;

/// <summary>Interns tokens to dense ids so that n-grams can be matched as integer sequences without allocating.</summary>
internal sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<Range> _ranges = [];

    public TokenVocabulary() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Intern(ReadOnlySpan<char> token)
    {
        if (_lookup.TryGetValue(token, out var id))
        {
            return id;
        }

        id = _ids.Count;
        _lookup[token] = id;
        return id;
    }

    /// <summary>Python's <c>text.split()</c>, as token ids.</summary>
    public int[] SplitAndIntern(string text)
    {
        PyText.SplitRanges(text, _ranges);
        var ids = new int[_ranges.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Intern(text.AsSpan()[_ranges[i]]);
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
