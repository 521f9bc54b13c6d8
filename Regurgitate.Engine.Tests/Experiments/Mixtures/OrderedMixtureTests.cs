using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation;

namespace Regurgitate.Engine.Tests.Experiments.Mixtures;

public sealed class OrderedMixtureTests
{
    private static readonly IReadOnlyList<SentencePair> Pool =
        [.. Enumerable.Range(0, 500).Select(i => new SentencePair($"Satz {i}", $"Sentence {i}"))];

    private static SyntheticTargetSet Set(string id) => new(
        new GeneratorDescriptor { Id = id, Name = id, Kind = GeneratorKind.Imported },
        [.. Enumerable.Range(0, 500).Select(i => new SyntheticTarget($"Satz {i}", 0, $"{id} {i}", null, new(id, null, DateTimeOffset.UnixEpoch)))]);

    private static readonly Dictionary<string, SyntheticTargetSet> Sets = new() { ["a"] = Set("a"), ["b"] = Set("b") };

    // a prefers high indices, b prefers indices divisible by 3; every 10th source of a is unscored.
    private static readonly Dictionary<string, PairScores> Scores = new()
    {
        ["a"] = new PairScores("quality", "a", false, Enumerable.Range(0, 500).Select(i => new PairScore($"Satz {i}", i % 10 == 0 ? null : i))),
        ["b"] = new PairScores("quality", "b", false, Enumerable.Range(0, 500).Select(i => new PairScore($"Satz {i}", i % 3 == 0 ? 1.0 : 0.0))),
    };

    private static MixtureConfig Ordered(double realFraction, double drop, params string[] generators) => new()
    {
        RealFraction = realFraction,
        Synthetic = [.. generators.Select(g => new SyntheticShare(g))],
        Order = new SelectionOrder { Name = "quality", ScoresDirectory = "unused", DropBottomFraction = drop },
    };

    private static int Index(TrainingExample example) => int.Parse(example.Pair.Source["Satz ".Length..]);

    [Fact]
    public void A_single_generator_contributes_its_best_scored_pairs()
    {
        var (examples, report) = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "a"), 100, seed: 1, Scores);

        var expected = Enumerable.Range(0, 500).Where(i => i % 10 != 0).OrderByDescending(i => i).Take(100).Order();
        Assert.Equal(expected, examples.Select(Index).Order());
        Assert.All(examples, e => Assert.Equal($"a {Index(e)}", e.Pair.Target));
        Assert.Equal("quality", report.OrderedBy);
        Assert.Equal(expected.Average(), report.MeanScores!["a"], 6);
    }

    [Fact]
    public void Ordered_sets_are_nested_across_sizes_and_unscored_pairs_come_last()
    {
        var small = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "a"), 200, seed: 4, Scores).Examples.Select(Index).ToHashSet();
        var large = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "a"), 460, seed: 4, Scores).Examples.Select(Index).ToList();

        Assert.Subset(large.ToHashSet(), small);
        Assert.Equal(10, large.Count(i => i % 10 == 0)); // 450 scored, then 10 of the 50 unscored
    }

    [Fact]
    public void Ties_are_broken_by_the_seed_not_by_file_order()
    {
        var first = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "b"), 50, seed: 1, Scores).Examples.Select(Index).ToList();
        var again = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "b"), 50, seed: 1, Scores).Examples.Select(Index).ToList();
        var other = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "b"), 50, seed: 2, Scores).Examples.Select(Index).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first.Concat(other), i => Assert.Equal(0, i % 3));
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => i * 3), first);
    }

    [Fact]
    public void Dropping_the_bottom_removes_the_worst_pairs_from_every_size()
    {
        var (examples, report) = MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.5, "a"), 500, seed: 1, Scores);

        Assert.Equal(250, report.Dropped!["a"]);
        Assert.Equal(250, examples.Count);
        // Unscored pairs rank last, so they are dropped first; then the lowest scores.
        var kept = Enumerable.Range(0, 500).Where(i => i % 10 != 0).OrderByDescending(i => i).Take(250);
        Assert.Equal(kept.Order(), examples.Select(Index).Order());
    }

    [Fact]
    public void Several_generators_take_turns_keep_exact_shares_and_never_share_a_source()
    {
        var (examples, report) = MixtureComposer.Compose(Pool, Sets, Ordered(0.2, 0.0, "a", "b"), 300, seed: 3, Scores);

        Assert.Equal(300, examples.Count);
        Assert.Equal(300, examples.Select(Index).Distinct().Count());
        Assert.Equal(60, report.Counts["real"]);
        Assert.Equal(120, report.Counts["a"]);
        Assert.Equal(120, report.Counts["b"]);
        Assert.All(examples.Where(e => e.Origin == "b"), e => Assert.Equal(0, Index(e) % 3));
        Assert.All(examples.Where(e => e.IsReal), e => Assert.Equal($"Sentence {Index(e)}", e.Pair.Target));
        Assert.All(examples, e => Assert.Equal($"Sentence {Index(e)}", e.Reference));
        Assert.All(examples.Where(e => !e.IsReal), e => Assert.Equal($"{e.Origin} {Index(e)}", e.Pair.Target));
    }

    [Fact]
    public void Only_an_ordered_mixture_without_a_real_share_gives_every_seed_the_same_set()
    {
        HashSet<int> SetOf(MixtureConfig mixture, int size, int seed) => [.. MixtureComposer.Compose(Pool, Sets, mixture, size, seed, Scores).Examples.Select(Index)];
        var ordered = Ordered(0.0, 0.0, "a");
        var withReal = Ordered(0.2, 0.0, "a");
        var random = new MixtureConfig { RealFraction = 0.0, Synthetic = [new SyntheticShare("a")] };
        var tinyReal = Ordered(0.001, 0.0, "a");

        Assert.True(MixtureComposer.SameSetForEverySeed(ordered, 300));
        Assert.True(SetOf(ordered, 300, 1).SetEquals(SetOf(ordered, 300, 2)));
        Assert.False(MixtureComposer.SameSetForEverySeed(withReal, 300));
        Assert.False(SetOf(withReal, 300, 1).SetEquals(SetOf(withReal, 300, 2)));
        Assert.False(MixtureComposer.SameSetForEverySeed(random, 300));
        Assert.False(SetOf(random, 300, 1).SetEquals(SetOf(random, 300, 2)));

        // A share that rounds to no real pair at this size draws nothing by seed; at 500 pairs it is one real pair.
        Assert.True(MixtureComposer.SameSetForEverySeed(tinyReal, 300));
        Assert.False(MixtureComposer.SameSetForEverySeed(tinyReal, 500));
    }

    [Fact]
    public void An_ordered_mixture_without_scores_for_a_generator_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MixtureComposer.Compose(Pool, Sets, Ordered(0.0, 0.0, "a"), 10, seed: 1, new Dictionary<string, PairScores>()));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }
}
