using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class AverageRanksTests
{
    [Fact]
    public void Ties_share_the_mean_of_the_ranks_they_span()
    {
        Assert.Equal([1, 2.5, 2.5, 4], AverageRanks.Of([10, 20, 20, 30]));
        Assert.Equal([4, 1, 4, 2, 4], AverageRanks.Of([0.9, 0.1, 0.9, 0.5, 0.9]));
        Assert.Equal([2, 2, 2], AverageRanks.Of([7, 7, 7]));
        Assert.Empty(AverageRanks.Of([]));
    }
}
