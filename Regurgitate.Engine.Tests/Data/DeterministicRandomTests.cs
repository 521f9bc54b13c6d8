using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Tests.Data;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void Permutation_is_pinned_so_recorded_splits_stay_reproducible()
    {
        // Golden values (cross-checked with an independent SplitMix64 in Python): if this changes, every split
        // recorded with earlier runs changes too.
        Assert.Equal([5, 6, 7, 2, 8, 0, 9, 3, 4, 1], new DeterministicRandom(1, 1).Permutation(10));
    }

    [Fact]
    public void Permutation_contains_every_index_once()
    {
        var permutation = new DeterministicRandom(123, 4).Permutation(1000);

        Assert.Equal(Enumerable.Range(0, 1000), permutation.Order());
    }

    [Fact]
    public void Streams_of_one_seed_differ()
    {
        Assert.NotEqual(new DeterministicRandom(1, 1).Permutation(20), new DeterministicRandom(1, 2).Permutation(20));
    }
}
