using Regurgitate.Engine.Mitigation.Ordering;

namespace Regurgitate.Engine.Tests.Mitigation.Ordering;

public sealed class ScoreRankingTests
{
    [Fact]
    public void Higher_scores_come_first_and_missing_or_non_finite_scores_last()
    {
        double?[] scores = [0.5, null, 2.0, double.NaN, -1.0, double.PositiveInfinity];

        var ranked = ScoreRanking.Rank(scores, seed: 1);

        Assert.Equal([2, 0, 4], ranked[..3]);
        Assert.Equivalent(new[] { 1, 3, 5 }, ranked[3..]);
    }

    [Fact]
    public void Ties_follow_a_seeded_order_that_is_reproducible()
    {
        double?[] scores = [.. Enumerable.Repeat<double?>(1.0, 20)];

        var one = ScoreRanking.Rank(scores, seed: 1);

        Assert.Equal(one, ScoreRanking.Rank(scores, seed: 1));
        Assert.NotEqual(one, ScoreRanking.Rank(scores, seed: 2));
        Assert.NotEqual(Enumerable.Range(0, 20), one);
        Assert.Equal(Enumerable.Range(0, 20), one.Order());
    }

    [Fact]
    public void An_empty_list_ranks_to_nothing() => Assert.Empty(ScoreRanking.Rank([], seed: 1));
}
