namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// Clipped n-gram matching over integer token sequences. Each n-gram gets a segment-local id by chaining
/// (id of its (n-1)-gram prefix, last token) through one hash table, so no n-gram is ever materialised; a hypothesis
/// n-gram absent from the references ends the extension of that position early.
/// </summary>
internal sealed class NGramMatcher
{
    private readonly Dictionary<long, int> ids = [];
    private int[] refCount = new int[256];
    private int[] refMax = new int[256];
    private int[] hypCount = new int[256];
    private readonly List<int> touched = [];

    public void Clear() => ids.Clear();

    /// <summary>Adds one reference; counts are merged into the per-n-gram maximum over references (BLEU).</summary>
    public void AddReference(ReadOnlySpan<int> tokens, int maxOrder)
    {
        touched.Clear();
        for (var start = 0; start < tokens.Length; start++)
        {
            var prefix = -1;
            var end = Math.Min(tokens.Length, start + maxOrder);
            for (var k = start; k < end; k++)
            {
                var key = ((long)(prefix + 1) << 32) | (uint)tokens[k];
                if (!ids.TryGetValue(key, out var id))
                {
                    id = ids.Count;
                    ids.Add(key, id);
                    EnsureCapacity(id);
                    refCount[id] = 0;
                    refMax[id] = 0;
                    hypCount[id] = 0;
                }

                if (refCount[id]++ == 0)
                {
                    touched.Add(id);
                }

                prefix = id;
            }
        }

        foreach (var id in touched)
        {
            if (refCount[id] > refMax[id])
            {
                refMax[id] = refCount[id];
            }

            refCount[id] = 0;
        }
    }

    /// <summary>
    /// Adds the clipped matches of <paramref name="tokens"/> against the references added since <see cref="Clear"/>
    /// to <paramref name="matches"/>[n-1]: per n-gram, min(hypothesis count, reference count).
    /// </summary>
    public void CountMatches(ReadOnlySpan<int> tokens, int maxOrder, Span<long> matches)
    {
        touched.Clear();
        for (var start = 0; start < tokens.Length; start++)
        {
            var prefix = -1;
            var end = Math.Min(tokens.Length, start + maxOrder);
            for (var k = start; k < end; k++)
            {
                var key = ((long)(prefix + 1) << 32) | (uint)tokens[k];
                if (!ids.TryGetValue(key, out var id))
                {
                    break;
                }

                if (hypCount[id]++ == 0)
                {
                    touched.Add(id);
                }

                if (hypCount[id] <= refMax[id])
                {
                    matches[k - start]++;
                }

                prefix = id;
            }
        }

        foreach (var id in touched)
        {
            hypCount[id] = 0;
        }
    }

    private void EnsureCapacity(int id)
    {
        if (id < refCount.Length)
        {
            return;
        }

        var size = Math.Max(id + 1, refCount.Length * 2);
        Array.Resize(ref refCount, size);
        Array.Resize(ref refMax, size);
        Array.Resize(ref hypCount, size);
    }
}
