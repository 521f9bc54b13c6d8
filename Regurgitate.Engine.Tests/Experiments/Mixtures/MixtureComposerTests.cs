using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Tests.Experiments.Mixtures;

public sealed class MixtureComposerTests
{
    private static readonly IReadOnlyList<SentencePair> Pool =
        [.. Enumerable.Range(0, 1_000).Select(i => new SentencePair($"Satz {i}", $"Sentence {i}"))];

    private static SyntheticTargetSet Set(string id, Func<int, bool> translated) => new(
        new GeneratorDescriptor { Id = id, Name = id, Kind = GeneratorKind.Imported },
        [.. Enumerable.Range(0, 1_000).Select(i => translated(i)
            ? new SyntheticTarget($"Satz {i}", 0, i % 50 == 0 ? $"Sentence {i}" : $"{id} sentence {i}", null, new(id, null, DateTimeOffset.UnixEpoch))
            : new SyntheticTarget($"Satz {i}", 0, null, "failed", new(id, null, DateTimeOffset.UnixEpoch)))]);

    private static readonly Dictionary<string, SyntheticTargetSet> Sets = new()
    {
        ["gpt"] = Set("gpt", i => i % 10 != 3),
        ["llama"] = Set("llama", _ => true),
        ["weak"] = Set("weak", i => i % 7 != 0),
    };

    [Theory]
    [InlineData(1.0, 200)]
    [InlineData(0.0, 200)]
    [InlineData(0.25, 200)]
    [InlineData(0.5, 333)]
    [InlineData(0.9, 17)]
    public void Shares_are_exact_and_every_source_is_used_once(double realFraction, int size)
    {
        var mixture = new MixtureConfig { RealFraction = realFraction, Synthetic = [new("gpt"), new("llama", 2)] };
        var (examples, report) = MixtureComposer.Compose(Pool, Sets, mixture, size, seed: 7);

        Assert.Equal(size, examples.Count);
        var real = (int)Math.Round(size * realFraction, MidpointRounding.AwayFromZero);
        Assert.Equal(real, examples.Count(e => e.IsReal));
        var gpt = examples.Count(e => e.Origin == "gpt");
        var llama = examples.Count(e => e.Origin == "llama");
        Assert.Equal(size - real, gpt + llama);
        Assert.InRange(llama - (2 * gpt), -2, 2); // weights 1:2 up to rounding
        Assert.Equal(size, examples.Select(e => e.Pair.Source).Distinct().Count());
        Assert.Equal(report.Counts.Values.Sum(), size);
    }

    [Fact]
    public void Synthetic_examples_carry_the_generator_target_for_the_same_source()
    {
        var mixture = new MixtureConfig { RealFraction = 0.5, Synthetic = [new("llama")] };
        var (examples, report) = MixtureComposer.Compose(Pool, Sets, mixture, 400, seed: 1);

        foreach (var example in examples)
        {
            var index = example.Pair.Source["Satz ".Length..];
            Assert.Equal(example.IsReal || index.EndsWith('0') && int.Parse(index) % 50 == 0 ? $"Sentence {index}" : $"llama sentence {index}", example.Pair.Target);
        }

        Assert.Equal(examples.Count(e => !e.IsReal && e.Pair.Target.StartsWith("Sentence", StringComparison.Ordinal)), report.IdenticalToReference);

        // Every example keeps the human target of its source, which the synthetic one replaced.
        Assert.All(examples, e => Assert.Equal($"Sentence {e.Pair.Source["Satz ".Length..]}", e.Reference));
    }

    [Fact]
    public void Same_seed_same_set_and_sizes_of_one_seed_are_nested()
    {
        var mixture = new MixtureConfig { RealFraction = 0.0, Synthetic = [new("llama")], AlignWith = ["gpt", "weak"] };
        var small = MixtureComposer.Compose(Pool, Sets, mixture, 100, seed: 3).Examples.Select(e => e.Pair.Source).ToHashSet();
        var again = MixtureComposer.Compose(Pool, Sets, mixture, 100, seed: 3).Examples.Select(e => e.Pair.Source).ToHashSet();
        var large = MixtureComposer.Compose(Pool, Sets, mixture, 300, seed: 3).Examples.Select(e => e.Pair.Source).ToHashSet();
        var otherSeed = MixtureComposer.Compose(Pool, Sets, mixture, 100, seed: 4).Examples.Select(e => e.Pair.Source).ToHashSet();

        Assert.Equal(small, again);
        Assert.Subset(large, small);
        Assert.NotEqual(small, otherSeed);
    }

    [Fact]
    public void Aligned_conditions_draw_the_same_sources_whichever_generator_they_use()
    {
        var all = new[] { "gpt", "llama", "weak" };
        var sources = new[] { "gpt", "llama", "weak" }
            .Select(id => MixtureComposer.Compose(Pool, Sets, new MixtureConfig { RealFraction = 0, Synthetic = [new(id)], AlignWith = all }, 250, seed: 5)
                .Examples.Select(e => e.Pair.Source).ToHashSet())
            .Append(MixtureComposer.Compose(Pool, Sets, new MixtureConfig { AlignWith = all }, 250, seed: 5).Examples.Select(e => e.Pair.Source).ToHashSet())
            .ToList();

        Assert.All(sources, s => Assert.Equal(sources[0], s));
        Assert.DoesNotContain(sources[0], s => int.Parse(s["Satz ".Length..]) % 10 == 3 || int.Parse(s["Satz ".Length..]) % 7 == 0);
    }

    [Fact]
    public void A_pool_smaller_than_the_request_gives_everything_it_has_and_reports_why()
    {
        var mixture = new MixtureConfig { RealFraction = 0, Synthetic = [new("gpt")] };
        var (examples, report) = MixtureComposer.Compose([.. Pool, Pool[0] with { Target = "duplicate source" }], Sets, mixture, 5_000, seed: 1);

        Assert.Equal(900, examples.Count);
        Assert.Equal(100, report.Uncovered);
        Assert.Equal(1, report.DuplicateSources);
        Assert.Equal(900, report.Candidates);
    }

    [Fact]
    public void A_synthetic_share_without_a_generator_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => MixtureComposer.Compose(Pool, Sets, new MixtureConfig { RealFraction = 0.5 }, 10, 1));
        Assert.Contains("synthetic generator", error.Message);
        Assert.Throws<ArgumentException>(() => MixtureComposer.Compose(Pool, Sets, new MixtureConfig { RealFraction = 0.5, Synthetic = [new("missing")] }, 10, 1));
    }

    [Theory]
    [InlineData(10, 0.5, new[] { 1.0, 1.0, 1.0 }, new[] { 5, 2, 2, 1 })]
    [InlineData(7, 0.0, new[] { 1.0, 1.0 }, new[] { 0, 4, 3 })]
    [InlineData(3, 1.0, new[] { 1.0 }, new[] { 3, 0 })]
    [InlineData(100, 0.3, new[] { 3.0, 1.0 }, new[] { 30, 53, 17 })]
    public void Allocation_uses_largest_remainders_and_sums_to_n(int n, double fraction, double[] weights, int[] expected)
    {
        var mixture = new MixtureConfig { RealFraction = fraction, Synthetic = [.. weights.Select((w, i) => new SyntheticShare($"g{i}", w))] };
        Assert.Equal(expected, MixtureComposer.Allocate(n, mixture).Select(a => a.Count));
    }
}
