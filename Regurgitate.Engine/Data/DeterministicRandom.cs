namespace Regurgitate.Engine.Data;

/// <summary>
/// SplitMix64. Used instead of <see cref="Random"/> because the seeded <see cref="Random"/> algorithm is an
/// implementation detail that .NET does not promise to keep; a data split recorded with a run must be
/// reproducible on any runtime version and platform.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong state;

    /// <param name="seed">The user's seed.</param>
    /// <param name="stream">Separates independent streams for the same seed (e.g. one per split).</param>
    public DeterministicRandom(int seed, ulong stream)
    {
        state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xD1B54A32D192ED03UL);
    }

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound) without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);

        return (int)(value % range);
    }

    /// <summary>Fisher–Yates shuffle of 0..count-1; any prefix is a uniform sample, so a smaller request gets a subset of a larger one.</summary>
    public int[] Permutation(int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (var i = 0; i < count - 1; i++)
        {
            var j = i + NextInt(count - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
