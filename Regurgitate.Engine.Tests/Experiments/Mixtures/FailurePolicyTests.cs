using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Tests.Experiments.Mixtures;

/// <summary>
/// A generator that fails on some sources ("flaky": every fifth source fails, source 7 comes back blank) next to one
/// that never fails, composed into the all-real and the flaky condition of one experiment under each policy.
/// </summary>
public sealed class FailurePolicyTests
{
    private const int PoolSize = 200;
    private const int Size = 60;

    private static readonly IReadOnlyList<SentencePair> Pool =
        [.. Enumerable.Range(0, PoolSize).Select(i => new SentencePair($"Satz {i}", $"Sentence {i}"))];

    private static bool Fails(int i) => i % 5 == 0 || i == 7;

    private static readonly Dictionary<string, SyntheticTargetSet> Sets = new()
    {
        ["flaky"] = new(
            new GeneratorDescriptor { Id = "flaky", Name = "flaky", Kind = GeneratorKind.Local },
            [.. Enumerable.Range(0, PoolSize).Select(i => new SyntheticTarget(
                $"Satz {i}", 0, i % 5 == 0 ? null : i == 7 ? "  " : $"flaky {i}", i % 5 == 0 ? "timeout" : null, new("flaky", null, DateTimeOffset.UnixEpoch)))]),
        ["solid"] = new(
            new GeneratorDescriptor { Id = "solid", Name = "solid", Kind = GeneratorKind.Local },
            [.. Enumerable.Range(0, PoolSize).Select(i => new SyntheticTarget($"Satz {i}", 0, $"solid {i}", null, new("solid", null, DateTimeOffset.UnixEpoch)))]),
    };

    private static readonly int FailedSources = Enumerable.Range(0, PoolSize).Count(Fails);

    private static (IReadOnlyList<TrainingExample> Examples, MixtureReport Report) Compose(FailurePolicy policy, double realFraction, int seed = 3) =>
        MixtureComposer.Compose(
            Pool,
            Sets,
            new MixtureConfig { RealFraction = realFraction, Synthetic = realFraction >= 1.0 ? [] : [new("flaky")], AlignWith = ["flaky", "solid"], Failures = policy },
            Size,
            seed);

    private static int Index(TrainingExample example) => int.Parse(example.Pair.Source["Satz ".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Drop_everywhere_removes_the_failed_sources_from_the_real_condition_too_and_says_how_many()
    {
        var (real, realReport) = Compose(FailurePolicy.DropEverywhere, 1.0);
        var (flaky, flakyReport) = Compose(FailurePolicy.DropEverywhere, 0.0);

        Assert.Equal(Size, real.Count);
        Assert.Equal(Size, flaky.Count);
        Assert.DoesNotContain(real, e => Fails(Index(e)));
        Assert.DoesNotContain(flaky, e => Fails(Index(e)));
        Assert.Equal(real.Select(e => e.Pair.Source), flaky.Select(e => e.Pair.Source));
        Assert.Equal(FailedSources, flakyReport.FailedInPool["flaky"]);
        Assert.Equal(0, flakyReport.FailedInPool["solid"]);
        Assert.Equal(FailedSources, realReport.FailedInPool["flaky"]);
        Assert.Equal(0, flakyReport.FailedInSet["flaky"]);
        Assert.Equal(PoolSize - FailedSources, flakyReport.Candidates);
    }

    [Fact]
    public void Keep_as_empty_keeps_every_source_and_trains_the_failed_slots_with_an_empty_target()
    {
        var (real, _) = Compose(FailurePolicy.KeepAsEmpty, 1.0);
        var (flaky, report) = Compose(FailurePolicy.KeepAsEmpty, 0.0);

        Assert.Equal(PoolSize, report.Candidates);
        Assert.Contains(real, e => Fails(Index(e))); // the all-real condition keeps the hard sources
        Assert.Equal(real.Select(e => e.Pair.Source), flaky.Select(e => e.Pair.Source));
        var empty = flaky.Where(e => e.Pair.Target.Length == 0).ToList();
        Assert.NotEmpty(empty);
        Assert.All(empty, e => Assert.True(Fails(Index(e)) && e.Origin == "flaky" && e.Reference == $"Sentence {Index(e)}"));
        Assert.All(flaky.Except(empty), e => Assert.Equal($"flaky {Index(e)}", e.Pair.Target));
        Assert.Equal(empty.Count, report.FailedInSet["flaky"]);
        Assert.Equal(FailedSources, report.FailedInPool["flaky"]);
        Assert.Equal(Size, report.Counts["flaky"]);
        Assert.Contains("kept with an empty target", report.DescribeFailures(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_with_next_source_keeps_the_size_and_swaps_only_the_failed_slots_for_later_translated_sources()
    {
        var (real, _) = Compose(FailurePolicy.ReplaceWithNextSource, 1.0);
        var (flaky, report) = Compose(FailurePolicy.ReplaceWithNextSource, 0.0);
        var (kept, _) = Compose(FailurePolicy.KeepAsEmpty, 0.0);

        Assert.Contains(real, e => Fails(Index(e)));
        Assert.Equal(Size, flaky.Count);
        Assert.Equal(Size, flaky.Select(e => e.Pair.Source).Distinct().Count());
        Assert.All(flaky, e => Assert.Equal(("flaky", $"flaky {Index(e)}", $"Sentence {Index(e)}"), (e.Origin, e.Pair.Target, e.Reference)));
        var failedSlots = real.Count(e => Fails(Index(e)));
        Assert.Equal(failedSlots, report.FailedInSet["flaky"]);
        Assert.Equal(failedSlots, flaky.Select(e => e.Pair.Source).Except(real.Select(e => e.Pair.Source)).Count());
        Assert.Equal(kept.Where(e => e.Pair.Target.Length > 0).Select(e => e.Pair.Source).Order(), flaky.Select(e => e.Pair.Source).Intersect(real.Select(e => e.Pair.Source)).Order());
        Assert.Equal(Size, report.Counts["flaky"]);
    }

    [Fact]
    public void A_mixed_condition_under_keep_as_empty_leaves_the_real_share_untouched()
    {
        var (mixed, report) = Compose(FailurePolicy.KeepAsEmpty, 0.5);

        Assert.Equal(PoolSize, report.Candidates);
        Assert.True(report.FailedInSet["flaky"] > 0);
        Assert.Equal(Size / 2, mixed.Count(e => e.IsReal));
        Assert.All(mixed.Where(e => e.IsReal), e => Assert.Equal($"Sentence {Index(e)}", e.Pair.Target));
        Assert.Equal(mixed.Count(e => !e.IsReal && e.Pair.Target.Length == 0), report.FailedInSet["flaky"]);
    }
}
