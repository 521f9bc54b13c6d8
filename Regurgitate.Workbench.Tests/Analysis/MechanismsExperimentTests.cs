using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Tests.Experiments;

namespace Regurgitate.Workbench.Tests.Analysis;

/// <summary>
/// The mechanisms and the training-set comparison on a multi30k experiment with local generators trained for real (see
/// <see cref="ToyStrategyExperiment"/>): the page that used to throw for every multi30k experiment.
/// </summary>
[Collection(ToyStrategyExperimentCollection.Name)]
public sealed class MechanismsExperimentTests(ToyStrategyExperiment experiment)
{
    [Fact]
    public async Task Every_grid_run_is_measured_on_the_pairs_it_trained_on_and_orderings_of_one_generator_differ()
    {
        var detail = (await experiment.Services.GetRequiredService<IExperimentQueries>().GetAsync(experiment.ExperimentId, CancellationToken.None))!;
        var folders = experiment.Services.GetRequiredService<ArtifactFolders>();

        var result = await experiment.Services.GetRequiredService<IMechanismsService>().AnalyzeAsync(detail, null, null, CancellationToken.None);

        Assert.Equal(40, result.Selection.Size);
        Assert.Equal(["real", "low", "low · quality", "low · detector", "mixed"], result.Points.Select(p => p.Condition));
        Assert.Empty(result.Unrecorded);
        var real = result.Points[0];
        Assert.True(real.IsReal);
        Assert.Equal(0, real.ErrorRate);
        Assert.Equal(4, result.FitRuns);
        Assert.All(result.Fits, f => Assert.Equal(4, f.Fit.N));
        Assert.Equal(result.Points.Min(p => p.Tokens), result.TokenBudget);

        // The plumbing, checked against the recorded file: the share of synthetic targets below chrF2 30.
        var random = result.Points.Single(p => p.Condition == "low");
        var pairs = (await TrainingPairs.ReadAsync(await folders.VerifyRunAsync(random.RunId, CancellationToken.None), CancellationToken.None))!;
        Assert.Equal(pairs.Count, random.Pairs);
        Assert.All(pairs, p => Assert.StartsWith("local/", p.Origin, StringComparison.Ordinal));
        var chrF = new ChrFMetric();
        Assert.Equal(pairs.Count(p => p.Pair.Target != p.Reference && chrF.SentenceScore(p.Pair.Target, [p.Reference]).Score < 30) / (double)pairs.Count, random.ErrorRate, 12);
        Assert.InRange(random.ErrorRate, 0.01, 1);

        // Random and quality order of the same generator trained on different pairs, and so get different x.
        var quality = result.Points.Single(p => p.Condition == "low · quality");
        var qualityPairs = (await TrainingPairs.ReadAsync(await folders.VerifyRunAsync(quality.RunId, CancellationToken.None), CancellationToken.None))!;
        Assert.NotEqual(pairs.Select(p => p.Pair.Source).Order(), qualityPairs.Select(p => p.Pair.Source).Order());
        Assert.NotEqual((random.ErrorRate, random.Mtld, random.RarefiedVocabulary), (quality.ErrorRate, quality.Mtld, quality.RarefiedVocabulary));
        Assert.Equal(3, result.Points.Where(p => p.Condition.StartsWith("low", StringComparison.Ordinal)).Select(p => p.Mtld).Distinct().Count());

        // The mixture's pairs come from both of its generators.
        var mixed = (await TrainingPairs.ReadAsync(await folders.VerifyRunAsync(result.Points[^1].RunId, CancellationToken.None), CancellationToken.None))!;
        Assert.Equal(2, mixed.Select(p => p.Origin).Distinct().Count());

        var comparison = await experiment.Services.GetRequiredService<ITrainingSetComparisonService>().CompareAsync(detail, null, null, null, CancellationToken.None);
        Assert.Equal(6, comparison.Report.Sides.Count);
        Assert.Equal(0, comparison.Report.Sides[1].Errors!.ChrF.ErrorRate);
        Assert.Equal(result.Points.Min(p => p.Pairs), comparison.Report.SampleSize);
    }
}
