namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// Clipped n-gram matching over integer token sequences. Each n-gram gets a segment-local id by chaining
/// (id of its (n-1)-gram prefix, last token) through one hash table, so no n-gram is ever materialised; a hypothesis
/// n-gram absent from the references ends the extension of that position early.
/// </summary>
internal sealed class NGramMatcher
{
    private readonly Dictionary<long, int> _ids = [];
    private int[] _refCount = new int[256];
    private int[] _refMax = new int[256];
    private int[] _hypCount = new int[256];
    private readonly List<int> _touched = [];

    public void Clear() => _ids.Clear();

    /// <summary>Adds one reference; counts are merged into the per-n-gram maximum over references (BLEU).</summary>
    public void AddReference(ReadOnlySpan<int> tokens, int maxOrder)
    {
        _touched.Clear();
        for (var start = 0; start < tokens.Length; start++)
        {
            var prefix = -1;
            var end = Math.Min(tokens.Length, start + maxOrder);
            for (var k = start; k < end; k++)
            {
                var key = ((long)(prefix + 1) << 32) | (uint)tokens[k];
                if (!_ids.TryGetValue(key, out var id))
                {
                    id = _ids.Count;
                    _ids.Add(key, id);
                    EnsureCapacity(id);
                    _refCount[id] = 0;
                    _refMax[id] = 0;
                    _hypCount[id] = 0;
                }

                if (_refCount[id]++ == 0)
                {
                    _touched.Add(id);
                }

                prefix = id;
            }
        }

        foreach (var id in _touched)
        {
            if (_refCount[id] > _refMax[id])
            {
                _refMax[id] = _refCount[id];
            }

            _refCount[id] = 0;
        }
    }

    /// <summary>
    /// Adds the clipped matches of <paramref name="tokens"/> against the references added since <see cref="Clear"/>
    /// to <paramref name="matches"/>[n-1]: per n-gram, min(hypothesis count, reference count).
    /// </summary>
    public void CountMatches(ReadOnlySpan<int> tokens, int maxOrder, Span<long> matches)
    {
        _touched.Clear();
        for (var start = 0; start < tokens.Length; start++)
        {
            var prefix = -1;
            var end = Math.Min(tokens.Length, start + maxOrder);
            for (var k = start; k < end; k++)
            {
                var key = ((long)(prefix + 1) << 32) | (uint)tokens[k];
                if (!_ids.TryGetValue(key, out var id))
                {
                    break;
                }

                if (_hypCount[id]++ == 0)
                {
                    _touched.Add(id);
                }

                if (_hypCount[id] <= _refMax[id])
                {
                    matches[k - start]++;
                }

                prefix = id;
            }
        }

        foreach (var id in _touched)
        {
            _hypCount[id] = 0;
        }
    }

    private void EnsureCapacity(int id)
    {
        if (id < _refCount.Length)
        {
            return;
        }

        var size = Math.Max(id + 1, _refCount.Length * 2);
        Array.Resize(ref _refCount, size);
        Array.Resize(ref _refMax, size);
        Array.Resize(ref _hypCount, size);
    }
}
