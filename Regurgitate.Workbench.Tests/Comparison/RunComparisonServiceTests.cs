using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Comparison;

public sealed class RunComparisonServiceTests : IDisposable
{
    private const int Sentences = 120;
    private readonly ComparisonFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task A_clearly_better_system_is_significant_in_both_tests_with_the_runs_scores_and_the_tests_signatures()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("wmt22/low", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs));
        var better = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs), trainSize: 29_000, seed: 2);

        var comparison = await fixture.Service.CompareAsync(baseline, [better], ComparisonOptions.Default, CancellationToken.None);

        Assert.Equal(Sentences, comparison.Segments);
        Assert.Equal(["BLEU", "chrF2"], comparison.Metrics.Select(m => m.Name));
        Assert.Equal([baseline, better], comparison.Rows.Select(r => r.Run.RunId));
        Assert.True(comparison.Rows[0].IsBaseline);
        Assert.Equal("real", comparison.Rows[1].Run.Name);
        Assert.Equal(29_000, comparison.Rows[1].Run.TrainSize);
        Assert.Equal(2, comparison.Rows[1].Run.Seed);
        Assert.All(comparison.Rows[0].Scores, s => Assert.Null(s.BootstrapPValue));
        Assert.All(comparison.Rows[0].Scores, s => Assert.Null(s.RandomizationPValue));

        // The corpus scores are the ones the run itself reports (default BLEU and chrF over the stored files).
        var references = new[] { pairs.Select(p => p.Target).ToList() };
        var bleu = new BleuMetric().CorpusScore(ComparisonFixture.Good(pairs), references);
        Assert.Equal(bleu.Score, comparison.Rows[1].Scores[0].Score, 10);
        Assert.Equal(bleu.Signature, comparison.Metrics[0].Signature);
        Assert.Equal(new ChrFMetric().CorpusScore(ComparisonFixture.Good(pairs), references).Score, comparison.Rows[1].Scores[1].Score, 10);

        foreach (var score in comparison.Rows[1].Scores)
        {
            Assert.True(score.Score > 60, $"score {score.Score}");
            Assert.Equal(1.0 / 1001, score.BootstrapPValue!.Value, 12);
            Assert.Equal(1.0 / 10001, score.RandomizationPValue!.Value, 12);
            Assert.True(score.IsSignificant);
            Assert.True(score.IsRandomizationSignificant);
            Assert.InRange(score.Mean, score.Score - 3, score.Score + 3);
            Assert.InRange(score.HalfWidth, 0.01, 10);
        }

        Assert.StartsWith("nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:", comparison.Metrics[0].BootstrapSignature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:1|ar:10000|seed:12345|", comparison.Metrics[0].RandomizationSignature, StringComparison.Ordinal);
        Assert.Contains("bs:1000|seed:12345", comparison.Metrics[1].BootstrapSignature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identical_systems_are_not_significantly_different()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs), seed: 1);
        var copy = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs), seed: 2);

        var comparison = await fixture.Service.CompareAsync(baseline, [copy], ComparisonOptions.Default with { IncludeTer = true }, CancellationToken.None);

        Assert.Equal(["BLEU", "chrF2", "TER"], comparison.Metrics.Select(m => m.Name));
        var row = comparison.Rows[1];
        Assert.True(row.IdenticalToBaseline);
        Assert.False(comparison.Rows[0].IdenticalToBaseline);
        for (var m = 0; m < 3; m++)
        {
            Assert.Equal(comparison.Rows[0].Scores[m].Score, row.Scores[m].Score);
            Assert.Equal(1.0, row.Scores[m].BootstrapPValue);
            Assert.Equal(1.0, row.Scores[m].RandomizationPValue);
            Assert.False(row.Scores[m].IsSignificant);
            Assert.False(row.Scores[m].IsRandomizationSignificant);
        }
    }

    [Fact]
    public async Task A_system_that_is_better_on_some_sentences_and_worse_on_others_is_not_significant()
    {
        // Four sentences fixed ("walks" → "runs" at 0, 4, 8, 12), four others broken the same way: no net difference.
        var pairs = ComparisonFixture.TestSet(Sentences);
        var good = ComparisonFixture.Good(pairs);
        var mixed = good.Select((h, i) => i switch
        {
            0 or 4 or 8 or 12 => pairs[i].Target,
            1 or 5 or 9 or 13 => pairs[i].Target.Replace(" runs ", " walks ", StringComparison.Ordinal),
            _ => h,
        }).ToList();
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: good);
        var other = await fixture.AddRunAsync("real + 10% synthetic", pairs: pairs, hypotheses: mixed);

        var comparison = await fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default, CancellationToken.None);

        Assert.False(comparison.Rows[1].IdenticalToBaseline);
        Assert.All(comparison.Rows[1].Scores, s => Assert.True(s.BootstrapPValue > 0.05, $"bootstrap p {s.BootstrapPValue}"));
        Assert.All(comparison.Rows[1].Scores, s => Assert.True(s.RandomizationPValue > 0.05, $"AR p {s.RandomizationPValue}"));
    }

    [Fact]
    public async Task Runs_tested_on_other_sentences_are_refused_and_named_with_how_they_differ()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));
        var same = await fixture.AddRunAsync("same set", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs));
        var changed = pairs.Select((p, i) => i is 4 or 9 ? p with { Source = p.Source + " !" } : p).ToList();
        var edited = await fixture.AddRunAsync("edited sources", pairs: changed, hypotheses: ComparisonFixture.Good(changed));
        var shorter = pairs.Take(100).ToList();
        var truncated = await fixture.AddRunAsync("fewer sentences", pairs: shorter, hypotheses: ComparisonFixture.Good(shorter));

        var error = await Assert.ThrowsAsync<RunComparisonException>(() =>
            fixture.Service.CompareAsync(baseline, [same, edited, truncated], ComparisonOptions.Default, CancellationToken.None));

        Assert.Equal(RunComparisonProblem.TestSetMismatch, error.Problem);
        Assert.Equal([edited, truncated], error.RunIds);
        Assert.Contains($"baseline #{baseline}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"run #{edited} differs from the baseline in 2 of 120 source lines (first at line 5)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"run #{truncated} has 100 test sentences, the baseline 120", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"#{same} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_with_other_references_are_refused()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));
        var otherRefs = pairs.Select((p, i) => i == 0 ? p with { Target = "another reference ." } : p).ToList();
        var other = await fixture.AddRunAsync("other references", pairs: otherRefs, hypotheses: ComparisonFixture.Good(pairs));

        var error = await Assert.ThrowsAsync<RunComparisonException>(() =>
            fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default, CancellationToken.None));

        Assert.Equal(RunComparisonProblem.TestSetMismatch, error.Problem);
        Assert.Contains("1 of 120 reference lines (first at line 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_without_test_outputs_are_named()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));
        var old = await fixture.AddRunAsync("finished before outputs were kept");
        var running = await fixture.AddRunAsync("still training", RunStatus.Running);

        var error = await Assert.ThrowsAsync<RunComparisonException>(() =>
            fixture.Service.CompareAsync(baseline, [old, running], ComparisonOptions.Default, CancellationToken.None));

        Assert.Equal(RunComparisonProblem.MissingTestOutputs, error.Problem);
        Assert.Equal([old, running], error.RunIds);
        Assert.Contains($"Run #{old} has no test translations ({TestOutputs.SourceFile}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"run #{running} is running; its test translations are written when it completes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misaligned_test_files_are_reported_as_unreadable()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));
        var broken = await fixture.AddRunAsync("broken", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));
        await File.WriteAllLinesAsync(Path.Combine(fixture.RunDirectoryOf(broken), TestOutputs.HypothesisFile), ["only one line"]);

        var error = await Assert.ThrowsAsync<RunComparisonException>(() =>
            fixture.Service.CompareAsync(baseline, [broken], ComparisonOptions.Default, CancellationToken.None));

        Assert.Equal(RunComparisonProblem.UnreadableTestOutputs, error.Problem);
        Assert.Contains($"#{broken}", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 hypotheses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_runs_and_empty_choices_are_refused()
    {
        var pairs = ComparisonFixture.TestSet(10);
        var baseline = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));

        var unknown = await Assert.ThrowsAsync<RunComparisonException>(() =>
            fixture.Service.CompareAsync(baseline, [404], ComparisonOptions.Default, CancellationToken.None));
        Assert.Equal(RunComparisonProblem.RunNotFound, unknown.Problem);
        Assert.Equal("There is no run #404.", unknown.Message);

        var alone = await Assert.ThrowsAsync<RunComparisonException>(() =>
            fixture.Service.CompareAsync(baseline, [baseline], ComparisonOptions.Default, CancellationToken.None));
        Assert.Equal(RunComparisonProblem.InvalidRequest, alone.Problem);
    }

    [Fact]
    public async Task Results_are_cached_per_runs_and_options()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("low", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs));
        var other = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));

        var first = await fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default, CancellationToken.None);
        var again = await fixture.Service.CompareAsync(baseline, [other, baseline, other], new ComparisonOptions(), CancellationToken.None);
        var otherSeed = await fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default with { Seed = 7, Resamples = 200 }, CancellationToken.None);

        Assert.Same(first, again);
        Assert.NotSame(first, otherSeed);
        Assert.Contains("bs:200|seed:7", otherSeed.Metrics[0].BootstrapSignature, StringComparison.Ordinal);

        // Translations written again (a re-evaluated run, an imported archive) are compared afresh, not served from memory.
        TestOutputs.Write(fixture.RunDirectoryOf(other), pairs, ComparisonFixture.Poor(pairs));
        var rewritten = await fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default, CancellationToken.None);
        Assert.NotSame(first, rewritten);
        Assert.True(rewritten.Rows[1].IdenticalToBaseline);
    }

    [Fact]
    public async Task The_cache_keeps_at_most_its_capacity()
    {
        var pairs = ComparisonFixture.TestSet(20);
        var baseline = await fixture.AddRunAsync("low", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs));
        var other = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));

        for (var seed = 0UL; seed < RunComparisonService.CacheCapacity + 10; seed++)
        {
            await fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default with { Seed = seed, Resamples = 10, Trials = 10 }, CancellationToken.None);
            Assert.InRange(fixture.Service.CachedCount, 1, RunComparisonService.CacheCapacity);
        }
    }

    [Fact]
    public async Task A_cancelled_comparison_stops()
    {
        var pairs = ComparisonFixture.TestSet(Sentences);
        var baseline = await fixture.AddRunAsync("low", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs));
        var other = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Service.CompareAsync(baseline, [other], ComparisonOptions.Default, cancellation.Token));
    }

    [Fact]
    public async Task Candidates_are_the_completed_runs_newest_first_with_whether_they_kept_test_outputs()
    {
        var pairs = ComparisonFixture.TestSet(10);
        var kept = await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs), testBleu: 31.5);
        await fixture.AddRunAsync("training", RunStatus.Running);
        var old = await fixture.AddRunAsync("old");

        var candidates = await fixture.Service.ListCandidatesAsync(CancellationToken.None);

        Assert.Equal([old, kept], candidates.Select(c => c.Run.RunId));
        Assert.False(candidates[0].HasTestOutputs);
        Assert.True(candidates[1].HasTestOutputs);
        Assert.Equal(31.5, candidates[1].TestBleu);
        Assert.Equal("regurgitation", candidates[1].Run.ExperimentName);
    }
}
