using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>specs/fine-tuning.json, the spec the README's fine-tuning result comes from: valid, fits its corpora, and within 45 minutes here.</summary>
public sealed class FineTuningSpecTests
{
    [Fact]
    public async Task The_fine_tuning_spec_pretrains_on_news_fits_multi30k_and_is_estimated_well_within_45_minutes()
    {
        var path = Path.Combine(RepositoryPaths.SolutionRoot, "specs", "fine-tuning.json");
        var spec = ExperimentSpecJson.Parse(await File.ReadAllTextAsync(path), path);
        var plan = ExperimentGrid.Expand(spec);
        var estimate = ExperimentEstimator.Estimate(spec);

        Assert.Equal(TrainingBudget.MatchedSteps, spec.Budget);
        Assert.Equal("newstest", plan.PretrainingRun!.CorpusId);
        Assert.Equal(3 * 3 * 3, estimate.Runs);
        Assert.Equal(2, estimate.GeneratorRuns);

        // Measured runs took up to twice the estimate on a shared machine (README), so the estimate keeps that margin.
        Assert.InRange(estimate.Duration.TotalMinutes, 15, 30);

        // The pretraining sample and the experiment's pool both fit their corpora (what the runs will load).
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()));
        var pretraining = await loader.LoadSplitsAsync(SplitRequest.From(plan.PretrainingRun), null, CancellationToken.None);
        Assert.Equal(plan.PretrainingRun.TrainSize, pretraining.Train.Count);
        var sources = await ExperimentSources.SelectAsync(plan, loader, CancellationToken.None);
        Assert.True(sources.Experiment.Count >= spec.Sizes.Max());

        // Pretraining adds to the estimate what a run of its size costs.
        Assert.True(estimate.Duration > ExperimentEstimator.Estimate(spec with { Pretrain = null }).Duration);
    }

    [Fact]
    public void Template_f_in_the_designer_is_estimated_within_45_minutes()
    {
        var estimate = ExperimentEstimator.Estimate(ExperimentTemplates.Create(ExperimentTemplates.FineTuningKey)!);

        Assert.Empty(estimate.Warnings);
        Assert.InRange(estimate.Duration.TotalMinutes, 5, 30);
    }
}
