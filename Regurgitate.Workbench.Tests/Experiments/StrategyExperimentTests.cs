using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Mitigation;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// The mitigation strategies for real, at toy scale (see <see cref="ToyStrategyExperiment"/>): two local generators, the
/// forward and reverse scorer models, the quality scores and the detector on held-out sources, then random,
/// quality-ordered, detector-ordered and mixed grid runs through the real coordinator; running it again repeats nothing.
/// </summary>
[Collection(ToyStrategyExperimentCollection.Name)]
public sealed class StrategyExperimentTests(ToyStrategyExperiment experiment)
{
    private static ExperimentSpec Spec => ToyStrategyExperiment.Spec;

    [Fact]
    public async Task Ordered_strategies_score_on_held_out_data_and_train_on_their_best_pairs()
    {
        var host = experiment.Host;
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = experiment.ExperimentId;
        var report = experiment.Report;

        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using (var context = await factory.CreateDbContextAsync())
        {
            var messages = await context.Runs.Where(r => r.ExperimentId == id && r.Message != null).Select(r => r.Message!).ToListAsync();
            Assert.True(report.Status == ExperimentStatus.Finished && report.Runs.GetValueOrDefault(RunStatus.Completed) == 5, report.Message + " | " + string.Join("; ", messages));
            var roles = await context.Runs.Where(r => r.ExperimentId == id).GroupBy(r => r.Role).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(2, roles.Single(r => r.Key == RunRole.Scorer).Count);
            Assert.Equal(2, roles.Single(r => r.Key == RunRole.Generator).Count);
        }

        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        var plan = ExperimentGrid.Expand(Spec, null, Path.Combine(await folders.VerifyExperimentAsync(id, CancellationToken.None), ArtifactFolders.ScoresFolderName));
        var repository = host.Services.GetRequiredService<SyntheticDatasetRepository>();
        var heldOut = await repository.LoadAsync(plan.HeldOutRealDatasetId!, CancellationToken.None);
        var pool = await repository.LoadAsync(plan.ExperimentPoolDatasetId!, CancellationToken.None);
        Assert.Equal(50, heldOut.Targets.Count);
        Assert.Equal(80, pool.Targets.Count);
        Assert.DoesNotContain(pool.Targets, t => heldOut.Covers(t.Source));

        // Quality scores: one per translated experiment source, with their components and the oracle kept for analysis.
        var quality = await PairScoreStore.LoadAsync(plan.Scorings[0].Directory, plan.Generators[0].DatasetId, CancellationToken.None);
        Assert.Equal(80, quality.Count);
        Assert.All(quality.All, s => Assert.Equal(["consensus", "model", StrategyInsightsService.OracleComponent, "roundtrip", "signals"], s.Components!.Keys.Order(StringComparer.Ordinal)));
        Assert.All(quality.All, s => Assert.NotNull(s.Value));

        // The detector learned from held-out sources only and scored every experiment source of the generator.
        var detector = await PairScoreStore.LoadAsync(plan.Scorings[1].Directory, plan.Generators[0].DatasetId, CancellationToken.None);
        Assert.Equal(80, detector.Count);
        Assert.All(detector.All, s => Assert.InRange(s.Value!.Value, 0, 1));
        var insights = await host.Services.GetRequiredService<StrategyInsightsService>().GetAsync(id, CancellationToken.None);
        Assert.NotNull(insights.Single(i => i.Strategy == "detector").Detector);
        Assert.All(detector.All, s => Assert.Equal([StrategyInsightsService.OracleComponent], s.Components!.Keys));
        var detectorAgreement = Assert.Single(insights.Single(i => i.Strategy == "detector").Agreement);
        Assert.Equal(("detector", 80), (detectorAgreement.Scorer, detectorAgreement.Pairs));
        Assert.Contains(insights.Single(i => i.Strategy == "quality").Agreement, a => a.Scorer == "quality" && a.Pairs == 80);

        // The quality-ordered run trained on the generator's 40 best-scored pairs.
        await using (var context = await factory.CreateDbContextAsync())
        {
            var qualityRun = await context.Runs.SingleAsync(r => r.ExperimentId == id && r.Condition == "low · quality");
            using var composition = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folders.Verify(ArtifactFolders.OwnerOf(qualityRun)), "training-set.json")));
            Assert.Equal("quality", composition.RootElement.GetProperty("OrderedBy").GetString());
            var best = quality.All.OrderByDescending(s => s.Value).Take(40).Average(s => s.Value!.Value);
            Assert.Equal(best, composition.RootElement.GetProperty("MeanScores").GetProperty(plan.Generators[0].DatasetId).GetDouble(), 9);
        }

        var comparison = await host.Services.GetRequiredService<IStrategyComparisonService>().CompareAsync(id, null, CancellationToken.None);
        Assert.NotNull(comparison);
        Assert.Equal(["real", "low", "low · quality", "low · detector", "mixed"], comparison.Conditions);

        // Again: nothing new is trained, translated or scored.
        var stamp = File.GetLastWriteTimeUtc(PairScoreStore.PathOf(plan.Scorings[0].Directory, plan.Generators[0].DatasetId));
        var again = await service.RunToCompletionAsync(id, null, CancellationToken.None);
        Assert.Equal(ExperimentStatus.Finished, again.Status);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(PairScoreStore.PathOf(plan.Scorings[0].Directory, plan.Generators[0].DatasetId)));
        await using (var context = await factory.CreateDbContextAsync())
        {
            Assert.Equal(9, await context.Runs.CountAsync(r => r.ExperimentId == id));
        }
    }
}
