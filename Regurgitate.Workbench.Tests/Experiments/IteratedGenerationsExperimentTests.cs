using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Experiments;

/// <summary>
/// Three accumulating generations through the real experiment service at toy scale: each generator's translations
/// for the next generation cover a slice it never trained on, the training sets grow by a slice per generation, and
/// the runs record which slices (and whose translations) they trained on and what they translated.
/// </summary>
public sealed class IteratedGenerationsExperimentTests : IDisposable
{
    private const int Slice = 30;

    private static readonly ExperimentSpec Spec = new()
    {
        Name = "toy accumulating generations",
        CorpusId = "multi30k",
        DevSize = 8,
        TestSize = 12,
        Sizes = [40],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("gen3")] }],
        Generators =
        [
            Generator("gen1", "real"),
            Generator("gen2", "gen1"),
            Generator("gen3", "gen2"),
        ],
        Seeds = [1],
        Model = ToyWorkbenchHost.Toy,
        Training = ToyWorkbenchHost.Quick,
    };

    private readonly ToyWorkbenchHost workbench = new();

    public void Dispose() => workbench.Dispose();

    [Fact]
    public async Task Each_generation_translates_a_slice_it_never_saw_and_accumulating_sets_grow_with_recorded_provenance()
    {
        using var host = workbench.Build();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<IExperimentService>();
        var id = await service.CreateAsync(Spec, CancellationToken.None);

        var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);

        Assert.True(report.Status == ExperimentStatus.Finished, report.Message);
        var plan = ExperimentGrid.Expand(Spec);
        var repository = host.Services.GetRequiredService<SyntheticDatasetRepository>();
        var slices = new List<SyntheticTargetSet>();
        foreach (var slice in plan.GenerationSlices)
        {
            slices.Add(await repository.LoadAsync(slice.RealDatasetId, CancellationToken.None));
        }

        Assert.Equal([Slice, Slice, Slice], slices.Select(s => s.Targets.Count));
        var jobs = plan.Generators.ToDictionary(j => j.Spec.Id);
        foreach (var (generator, translates) in new[] { ("gen1", 2), ("gen2", 3) })
        {
            // The next generation's data: exactly the next slice, none of the slices this generator trained on.
            var translations = await repository.LoadAsync(jobs[generator].NextSliceDatasetId!, CancellationToken.None);
            Assert.Equal(Sources(slices[translates - 1]), Sources(translations));
            Assert.All(slices.Take(translates - 1), trained => Assert.DoesNotContain(translations.Targets, t => trained.Covers(t.Source)));
            Assert.Contains($"slice {translates} ({Slice})", translations.Generator.Settings["translated"], StringComparison.Ordinal);
        }

        var gen2 = await repository.LoadAsync(jobs["gen2"].DatasetId, CancellationToken.None);
        Assert.Equal("2", gen2.Generator.Settings["generation"]);
        Assert.Equal($"slice 1 real ({Slice}) + slice 2 by gen1 ({Slice})", gen2.Generator.Settings["trained-on"]);

        // Each generator run's training-set.json: one part per slice, real first, then each earlier generation's translations.
        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        var runs = await context.Runs.AsNoTracking().Where(r => r.ExperimentId == id && r.Role == RunRole.Generator).ToListAsync();
        foreach (var (generator, generation) in new[] { ("gen1", 1), ("gen2", 2), ("gen3", 3) })
        {
            var run = runs.Single(r => r.Condition == generator);
            Assert.Equal(RunStatus.Completed, run.Status);
            var file = Path.Combine(await folders.VerifyRunAsync(run.Id, CancellationToken.None), "training-set.json");
            var composed = JsonSerializer.Deserialize<MixtureReport>(await File.ReadAllTextAsync(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            Assert.Equal(generation * Slice, composed.Total);
            Assert.Equal(jobs[generator].TrainingRun.Mixture.Parts, composed.Parts);
            Assert.Equal(Slice, composed.Counts[MixtureComposer.RealOrigin]);
            Assert.Equal(
                [.. Enumerable.Range(2, generation - 1).Select(k => GeneratorJob.SliceDatasetId(jobs[$"gen{k - 1}"].DatasetId, k))],
                composed.Counts.Keys.Where(k => k != MixtureComposer.RealOrigin).Order(StringComparer.Ordinal));
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task A_later_generation_trained_on_other_data_is_trained_again_when_the_experiment_resumes()
    {
        using var host = workbench.Build();
        await host.StartAsync();
        var id = await host.Services.GetRequiredService<IExperimentService>().CreateAsync(Spec, CancellationToken.None);
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        var jobs = ExperimentGrid.Expand(Spec).Generators.ToDictionary(j => j.Spec.Id);

        // Completed runs at the generators' places: gen1's and gen3's as planned, gen2's with the mixture it had before
        // generations had slices (its parent's translations of the parent's own training sources, half real).
        var stale = jobs["gen2"].TrainingRun with { Mixture = new MixtureConfig { RealFraction = 0.5, Synthetic = [new SyntheticShare(jobs["gen1"].DatasetId + ".reserved")], AlignWith = [jobs["gen1"].TrainingRun.Mixture.AlignWith[0]] } };
        var gen1 = await AddCompletedAsync(factory, id, "gen1", jobs["gen1"].TrainingRun);
        await AddCompletedAsync(factory, id, "gen2", stale);
        var gen3 = await AddCompletedAsync(factory, id, "gen3", jobs["gen3"].TrainingRun);

        Assert.Equal(gen1, await ExperimentRuns.FindReusableGeneratorAsync(factory, id, jobs["gen1"], CancellationToken.None));
        Assert.Null(await ExperimentRuns.FindReusableGeneratorAsync(factory, id, jobs["gen2"], CancellationToken.None));
        Assert.Equal(gen3, await ExperimentRuns.FindReusableGeneratorAsync(factory, id, jobs["gen3"], CancellationToken.None));
        await host.StopAsync();
    }

    private static async Task<int> AddCompletedAsync(IDbContextFactory<RegurgitateDbContext> factory, int experimentId, string generator, RunConfig config)
    {
        await using var context = await factory.CreateDbContextAsync();
        var run = new Run
        {
            ExperimentId = experimentId,
            Role = RunRole.Generator,
            Condition = generator,
            TrainSize = config.TrainSize,
            Seed = config.Seed,
            CorpusId = config.CorpusId,
            ConfigJson = JsonSerializer.Serialize(config, Workbench.Execution.RunStore.JsonOptions),
            Status = RunStatus.Completed,
        };
        context.Runs.Add(run);
        await context.SaveChangesAsync();
        return run.Id;
    }

    private static HashSet<string> Sources(SyntheticTargetSet set) => set.Targets.Select(t => SourceKey.Of(t.Source)).ToHashSet(SourceKey.Comparer);

    private static LocalGeneratorSpec Generator(string id, string trainOn) => new()
    {
        Id = id,
        TrainSize = Slice,
        TrainOn = trainOn,
        Policy = GenerationPolicy.Accumulate,
        Model = ToyWorkbenchHost.Toy,
        Training = ToyWorkbenchHost.Quick,
        BeamSize = 1,
    };
}
