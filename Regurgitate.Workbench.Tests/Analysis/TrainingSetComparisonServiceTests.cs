using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Workbench.Tests.Analysis;

/// <summary>Compare datasets on an experiment's training sets (see <see cref="RecordedTrainingSets"/>).</summary>
public sealed class TrainingSetComparisonServiceTests : IDisposable
{
    private readonly RecordedTrainingSets sets = new();

    public void Dispose() => sets.Dispose();

    private TrainingSetComparisonService Service() => new(sets.Folders, TestHeavyWork.Scheduler(), NullLogger<TrainingSetComparisonService>.Instance);

    [Fact]
    public async Task Each_run_is_a_side_scored_against_the_references_of_its_own_sources()
    {
        var comparison = await Service().CompareAsync(sets.Detail, null, null, null, CancellationToken.None);

        Assert.Equal([DatasetAnalysis.ReferenceSide, "real · seed 1 (#1)", "gen · seed 1 (#2)", "gen · seed 2 (#3)", "gen · quality · seed 1 (#4)"], comparison.SideNames);
        Assert.Equal([1, 2, 3, 4], comparison.Runs.Select(r => r.RunId));
        Assert.Equal([6], comparison.Unrecorded.Select(r => r.RunId));
        var report = comparison.Report;
        Assert.False(report.Aligned);
        Assert.Equal(4, report.SampleSize);
        Assert.Equal(4, comparison.ReferencePairs);
        Assert.All(report.Sides, s => Assert.Equal(4, s.Sentences));

        // Errors against each run's own human references: garbage in 2, 1 and 0 of 4 targets; the real run is error-free.
        Assert.Null(report.Sides[0].Errors);
        Assert.Equal([0, 0.5, 0.25, 0], report.Sides.Skip(1).Select(s => s.Errors!.ChrF.ErrorRate));
        Assert.NotNull(report.Sides[0].Signals);

        // One token budget for every side: the smallest sample's 9 tokens (run #2), where it keeps all of its 9 types.
        Assert.Equal(9, report.TokenBudget);
        Assert.All(report.Sides, s => Assert.Equal(9, s.Diversity.BudgetTokens));
        Assert.Equal(9, report.Sides[2].Diversity.BudgetVocabularySize!.Value, 9);
        Assert.Equal([12, 12, 9, 11, 12], report.Sides.Select(s => s.Diversity.Tokens));
    }

    [Fact]
    public async Task A_sample_smaller_than_the_sets_subsamples_every_side_and_results_are_cached()
    {
        var service = Service();
        var sampled = await service.CompareAsync(sets.Detail, 4, 2, null, CancellationToken.None);
        Assert.Equal(2, sampled.Report.SampleSize);
        Assert.All(sampled.Report.Sides, s => Assert.Equal(2, s.Sentences));
        Assert.Same(sampled, service.TryGetCached(sets.Detail, null, 2));
        Assert.Null(service.TryGetCached(sets.Detail, null, null));
    }

    [Fact]
    public async Task A_size_whose_runs_recorded_nothing_says_so()
    {
        var only = sets.Detail with { Runs = [RecordedTrainingSets.Run(6, "gen · quality", 4, 2, 27)] };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Service().CompareAsync(only, null, null, null, CancellationToken.None));
        Assert.Contains("trained before training sets were recorded", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Service().CompareAsync(sets.Detail, 3, null, null, CancellationToken.None));
    }
}
