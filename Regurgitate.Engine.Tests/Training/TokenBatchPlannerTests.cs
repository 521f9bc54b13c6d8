using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.Training;

public class TokenBatchPlannerTests
{
    private static List<EncodedPair> Pairs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => new EncodedPair(new int[random.Next(1, 30)], new int[random.Next(1, 40)]))
            .ToList();
    }

    [Fact]
    public void EveryPairAppearsExactlyOncePerEpochAndBatchesRespectTheTokenBudget()
    {
        var pairs = Pairs(500, 3);
        var planner = new TokenBatchPlanner(pairs, tokensPerBatch: 256, seed: 7);

        var batches = planner.PlanEpoch(0);

        Assert.Equal(Enumerable.Range(0, 500), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.True(b.Length * b.Max(i => pairs[i].Target.Length + 1) <= 256));
    }

    [Fact]
    public void BatchesGroupSimilarLengths()
    {
        var pairs = Pairs(500, 3);
        var batches = new TokenBatchPlanner(pairs, 256, 7).PlanEpoch(0);

        var padding = batches.Sum(b => (b.Length * b.Max(i => pairs[i].Target.Length + 1)) - b.Sum(i => pairs[i].Target.Length + 1));
        var real = pairs.Sum(p => p.Target.Length + 1);

        Assert.True(padding < real * 0.1, $"padding {padding} of {real} target tokens");
    }

    [Fact]
    public void PlansAreDeterministicPerSeedAndEpochAndDifferAcrossEpochs()
    {
        var pairs = Pairs(300, 5);
        var a = new TokenBatchPlanner(pairs, 128, 11).PlanEpoch(2);
        var b = new TokenBatchPlanner(pairs, 128, 11).PlanEpoch(2);
        var c = new TokenBatchPlanner(pairs, 128, 11).PlanEpoch(3);

        Assert.Equal(a.Select(x => string.Join(',', x)), b.Select(x => string.Join(',', x)));
        Assert.NotEqual(a.Select(x => string.Join(',', x)), c.Select(x => string.Join(',', x)));
    }

    [Fact]
    public void APairLongerThanTheBudgetStillGetsABatchOfItsOwn()
    {
        var pairs = new List<EncodedPair> { new([1], new int[50]), new([1], [1]) };
        var batches = new TokenBatchPlanner(pairs, 16, 1).PlanEpoch(0);

        Assert.Contains(batches, b => b.SequenceEqual([0]));
    }
}
