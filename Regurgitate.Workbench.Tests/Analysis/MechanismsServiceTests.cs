using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Analysis;

/// <summary>The mechanisms service on hand-made recorded training sets (see <see cref="RecordedTrainingSets"/>).</summary>
public sealed class MechanismsServiceTests : IDisposable
{
    private readonly RecordedTrainingSets sets = new();

    public void Dispose() => sets.Dispose();

    private MechanismsService Service() => new(sets.Folders, TestHeavyWork.Scheduler(), NullLogger<MechanismsService>.Instance);

    [Fact]
    public void The_default_size_is_the_largest_with_every_condition_and_another_may_be_chosen()
    {
        var selection = TrainingSetSelection.Of(sets.Detail, null);
        Assert.Equal(["real", "gen", "gen · quality"], selection.Conditions);
        Assert.Equal([2, 4], selection.Sizes);
        Assert.Equal((4, true, 4), (selection.DefaultSize!.Value, selection.DefaultCoversEveryCondition, selection.Size!.Value));
        Assert.Equal([1, 2, 3, 4, 6], selection.Runs.Select(r => r.RunId));
        Assert.Empty(selection.MissingConditions);

        var small = TrainingSetSelection.Of(sets.Detail, 2);
        Assert.Equal([5], small.Runs.Select(r => r.RunId));
        Assert.Equal(["real", "gen · quality"], small.MissingConditions);

        var error = Assert.Throws<ArgumentException>(() => TrainingSetSelection.Of(sets.Detail, 3));
        Assert.Contains("no completed grid run of size 3; choose one of 2, 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_size_that_has_every_condition_the_largest_size_with_a_completed_run_is_the_default()
    {
        var withoutReal = sets.Detail with { Runs = [.. sets.Detail.Runs.Where(r => r.RunId != 1)] };
        Assert.Equal((4, true), (TrainingSetSelection.Of(withoutReal, null).Size!.Value, TrainingSetSelection.Of(withoutReal, null).DefaultCoversEveryCondition));

        // A real run failed: "real" is a condition of the experiment, but no size has a completed run of it.
        var realFailed = withoutReal with { Runs = [.. withoutReal.Runs, RecordedTrainingSets.Run(8, "real", 2, 1, null, RunStatus.Failed)] };
        var partial = TrainingSetSelection.Of(realFailed, null);
        Assert.Equal((4, false), (partial.Size!.Value, partial.DefaultCoversEveryCondition));
        Assert.Equal(["real"], partial.MissingConditions);

        var none = TrainingSetSelection.Of(sets.Detail with { Runs = [RecordedTrainingSets.Run(9, "real", 8, 1, null, RunStatus.Queued)] }, null);
        Assert.Null(none.Size);
        Assert.Empty(none.Runs);
    }

    [Fact]
    public async Task Each_run_is_a_point_measured_on_its_own_training_pairs_and_real_data_stays_out_of_the_fits()
    {
        var result = await Service().AnalyzeAsync(sets.Detail, null, null, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4], result.Points.Select(p => p.RunId));
        Assert.Equal([6], result.Unrecorded.Select(r => r.RunId));
        Assert.Equal([0, 0.5, 0.25, 0], result.Points.Select(p => p.ErrorRate));
        Assert.Equal([12, 9, 11, 12], result.Points.Select(p => p.Tokens));
        Assert.Equal([true, false, false, false], result.Points.Select(p => p.IsReal));
        Assert.Equal([30.0, 20, 25, 28], result.Points.Select(p => p.Bleu));
        Assert.All(result.Points, p => Assert.Equal(4, p.Pairs));

        // The budget is the smallest set's 9 tokens: that set keeps its whole vocabulary (9 distinct tokens).
        Assert.Equal(9, result.TokenBudget);
        Assert.Equal(9, result.Points[1].RarefiedVocabulary, 9);
        Assert.True(result.Points[0].RarefiedVocabulary < 9, "the real set repeats 'a' three times in 12 tokens");
        var real = (await Engine.Experiments.TrainingPairs.ReadAsync(await sets.Folders.VerifyRunAsync(1, CancellationToken.None), CancellationToken.None))!;
        Assert.Equal(LexicalDiversity.Mtld([.. real.SelectMany(e => LexicalTokenizer.Tokenize(e.Pair.Target))]), result.Points[0].Mtld);

        // Fits over the three synthetic runs: x̄ = 0.25, ȳ = 24⅓, Sxy = −2, Sxx = 0.125, Syy = 32⅔.
        Assert.Equal(3, result.FitRuns);
        var errors = result.Fits.Single(f => f.Metric == MechanismMetric.ErrorRate).Fit;
        Assert.Equal(3, errors.N);
        Assert.Equal(-16, errors.Slope!.Value, 9);
        Assert.Equal(-2 / Math.Sqrt(0.125 * (98.0 / 3)), errors.Pearson!.Value, 9);
        Assert.Equal(-1, errors.Spearman!.Value, 9);
        Assert.NotNull(errors.Slope.Low);
        Assert.Equal((MechanismsService.FitResamples, MechanismsService.FitSeed), (errors.Resamples, errors.Seed));
        Assert.Equal(Enum.GetValues<MechanismMetric>(), result.Fits.Select(f => f.Metric));

        // No pair raises a signal here: x is constant over the runs, so nothing is fitted rather than a made-up 0.
        Assert.All(result.Points, p => Assert.Equal(0, p.SignalRate));
        Assert.Null(result.Fits.Single(f => f.Metric == MechanismMetric.SignalRate).Fit.Slope);
    }

    [Fact]
    public async Task Fewer_than_three_synthetic_runs_get_no_fit()
    {
        var result = await Service().AnalyzeAsync(sets.Detail, 2, null, CancellationToken.None);

        Assert.Equal([5], result.Points.Select(p => p.RunId));
        Assert.Equal(1, result.FitRuns);
        Assert.All(result.Fits, f => Assert.Equal((1, null, null, null), (f.Fit.N, f.Fit.Slope, f.Fit.Pearson, f.Fit.Spearman)));
    }

    [Fact]
    public async Task Results_are_cached_per_experiment_size_and_set_of_runs()
    {
        var service = Service();
        Assert.Null(service.TryGetCached(sets.Detail, null));
        var progress = new List<double>();
        var first = await service.AnalyzeAsync(sets.Detail, null, new SynchronousProgress<double>(progress.Add), CancellationToken.None);
        Assert.Equal(1, progress[^1]);
        Assert.Equal(progress.Order(), progress);

        Assert.Same(first, service.TryGetCached(sets.Detail, null));
        Assert.Same(first, service.TryGetCached(sets.Detail, 4));
        Assert.Same(first, await service.AnalyzeAsync(sets.Detail, 4, null, CancellationToken.None));
        Assert.Null(service.TryGetCached(sets.Detail, 2));

        // Run #7 completes: another set of runs, another analysis.
        var later = sets.Detail with { Runs = [.. sets.Detail.Runs.Select(r => r.RunId == 7 ? r with { Status = RunStatus.Completed, TestBleu = 22 } : r)] };
        Assert.Null(service.TryGetCached(later, null));
        var grown = await service.AnalyzeAsync(later, null, null, CancellationToken.None);
        Assert.Equal([1, 2, 3, 7, 4], grown.Points.Select(p => p.RunId));
        Assert.True(grown.Points.Single(p => p.RunId == 7).IsReal);
    }

    [Fact]
    public async Task Cancelling_stops_the_analysis_and_caches_nothing()
    {
        var service = Service();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.AnalyzeAsync(sets.Detail, null, null, cancelled.Token));
        Assert.Null(service.TryGetCached(sets.Detail, null));
    }
}
