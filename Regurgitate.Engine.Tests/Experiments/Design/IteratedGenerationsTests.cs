using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Tests.Experiments.Design;

/// <summary>
/// Iterated generations (issue 13 part 5): one disjoint slice of sources per generation, so that no generator
/// translates a source it or any generation whose data it inherits trained on; replace learns from the previous
/// generation only, accumulate from the real data and every earlier generation, growing each time.
/// </summary>
public sealed class IteratedGenerationsTests
{
    private const int Slice = 300;

    private static readonly ExperimentSpec Spec = new()
    {
        Name = "generations",
        CorpusId = "multi30k",
        DevSize = 100,
        TestSize = 200,
        Sizes = [400],
        RealFractions = [1.0, 0.0],
        Generators =
        [
            new LocalGeneratorSpec { Id = "gen1", TrainSize = Slice, Seed = 21 },
            new LocalGeneratorSpec { Id = "gen2r", TrainSize = Slice, TrainOn = "gen1", Seed = 22 },
            new LocalGeneratorSpec { Id = "gen3r", TrainSize = Slice, TrainOn = "gen2r", Seed = 23 },
            new LocalGeneratorSpec { Id = "gen2a", TrainSize = Slice, TrainOn = "gen1", Policy = GenerationPolicy.Accumulate, Seed = 32 },
            new LocalGeneratorSpec { Id = "gen3a", TrainSize = Slice, TrainOn = "gen2a", Policy = GenerationPolicy.Accumulate, Seed = 33 },
        ],
        SyntheticSources = [.. new[] { "gen1", "gen2r", "gen3r", "gen2a", "gen3a" }.Select(id => new SyntheticSourceSpec { Name = id, Generators = [new SyntheticShare(id)] })],
        Seeds = [1],
        Model = ModelConfig.Tiny,
    };

    private static CorpusLoader Loader => new(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()));

    [Fact]
    public void Generation_k_trains_on_one_slice_under_replace_and_on_k_slices_under_accumulate()
    {
        var plan = ExperimentGrid.Expand(Spec);
        var jobs = plan.Generators.ToDictionary(j => j.Spec.Id);
        string Slice(int k) => plan.GenerationSlices[k - 1].RealDatasetId;
        string By(string id, int k) => GeneratorJob.SliceDatasetId(jobs[id].DatasetId, k);

        Assert.Equal([1, 2, 3], plan.GenerationSlices.Select(s => s.Generation));
        Assert.All(plan.GenerationSlices, s => Assert.Equal(IteratedGenerationsTests.Slice, s.Count));
        Assert.Equal(3 * IteratedGenerationsTests.Slice, plan.ReservedCount);
        Assert.Equal([1, 2, 3, 2, 3], plan.Generators.Select(j => j.Generation));

        // k = 1: the real pairs of slice 1, for both policies.
        Assert.Equal([new SlicePart(Slice(1), MixtureComposer.RealOrigin, 300)], jobs["gen1"].TrainingRun.Mixture.Parts);

        // Replace: only the parent's translation of this generation's own slice; the size stays the same.
        Assert.Equal([new SlicePart(Slice(2), By("gen1", 2), 300)], jobs["gen2r"].TrainingRun.Mixture.Parts);
        Assert.Equal([new SlicePart(Slice(3), By("gen2r", 3), 300)], jobs["gen3r"].TrainingRun.Mixture.Parts);
        Assert.Equal([300, 300, 300], new[] { "gen1", "gen2r", "gen3r" }.Select(id => jobs[id].TrainingRun.TrainSize));
        Assert.Equal(0.0, jobs["gen3r"].TrainingRun.Mixture.RealFraction);

        // Accumulate: real data and every earlier generation's translations; the data grow by a slice per generation.
        Assert.Equal(
            [new SlicePart(Slice(1), MixtureComposer.RealOrigin, 300), new SlicePart(Slice(2), By("gen1", 2), 300)],
            jobs["gen2a"].TrainingRun.Mixture.Parts);
        Assert.Equal(
            [new SlicePart(Slice(1), MixtureComposer.RealOrigin, 300), new SlicePart(Slice(2), By("gen1", 2), 300), new SlicePart(Slice(3), By("gen2a", 3), 300)],
            jobs["gen3a"].TrainingRun.Mixture.Parts);
        Assert.Equal([300, 600, 900], new[] { "gen1", "gen2a", "gen3a" }.Select(id => jobs[id].TrainingRun.TrainSize));
        Assert.Equal(1.0 / 3, jobs["gen3a"].TrainingRun.Mixture.RealFraction, 9);

        // Who translates which slice: the parents of generations 2 and 3, each the slice after its own.
        Assert.Equal([2, 3, null, 3, null], plan.Generators.Select(j => j.NextSlice?.Generation));
        Assert.Equal("slice 1 real (300) + slice 2 by gen1 (300) + slice 3 by gen2a (300)", GenerationProvenance.TrainedOn(plan, jobs["gen3a"]));
        Assert.Equal("experiment sources (800) + slice 3 (300) for generation 3", GenerationProvenance.Translated(jobs["gen2a"], 800));
        Assert.All(plan.Generators, j => Assert.Empty(RunConfigValidator.Validate(j.TrainingRun)));
    }

    [Fact]
    public async Task Every_generation_translates_sources_disjoint_from_every_pair_it_and_its_forebears_trained_on()
    {
        var plan = ExperimentGrid.Expand(Spec);
        var sources = await ExperimentSources.SelectAsync(plan, Loader, CancellationToken.None);
        var sliceOf = new Dictionary<string, int>(SourceKey.Comparer);
        for (var k = 0; k < sources.Slices.Count; k++)
        {
            Assert.Equal(Slice, sources.Slices[k].Count);
            foreach (var pair in sources.Slices[k])
            {
                Assert.True(sliceOf.TryAdd(SourceKey.Of(pair.Source), k + 1), $"'{pair.Source}' is in two slices");
            }
        }

        Assert.DoesNotContain(sources.Experiment, p => sliceOf.ContainsKey(SourceKey.Of(p.Source)));

        // Each generator's translations (its parent's, for the next generation) mark their targets with its id.
        var sets = plan.GenerationSlices.Select(sources.SliceRealSet).ToDictionary(s => s.Generator.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var job in plan.Generators.Where(j => j.NextSlice is not null))
        {
            sets[job.NextSliceDatasetId!] = Translations(job.NextSliceDatasetId!, job.Spec.Id, sources.Slices[job.NextSlice!.Generation - 1]);
        }

        var trainedOn = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var job in plan.Generators)
        {
            var (examples, report) = PartsComposer.Compose(sources.Pool, sets, job.TrainingRun.Mixture, job.TrainingRun.EffectiveDataSeed);
            Assert.Equal(job.TrainingRun.TrainSize, examples.Count);
            Assert.Equal(job.TrainingRun.Mixture.Parts, report.Parts);

            // Provenance: every pair comes from the slice its origin names, with that origin's target.
            foreach (var example in examples)
            {
                var part = job.TrainingRun.Mixture.Parts!.Single(p => p.Origin == example.Origin);
                Assert.Equal(plan.GenerationSlices.Single(s => s.RealDatasetId == part.Slice).Generation, sliceOf[SourceKey.Of(example.Pair.Source)]);
                Assert.True(sets[part.IsReal ? part.Slice : part.Origin].TryGetTarget(example.Pair.Source, out var target));
                Assert.Equal(target, example.Pair.Target);
            }

            // What a generation learned from includes all its forebears learned from (accumulate: literally; replace: through their outputs).
            var seen = examples.Select(e => SourceKey.Of(e.Pair.Source)).ToHashSet(SourceKey.Comparer);
            if (!job.Spec.TrainOn.Equals("real", StringComparison.OrdinalIgnoreCase))
            {
                seen.UnionWith(trainedOn[job.Spec.TrainOn]);
            }

            trainedOn[job.Spec.Id] = seen;
            var translated = sources.Experiment.Concat(job.NextSlice is { } next ? sources.Slices[next.Generation - 1] : []).Select(p => SourceKey.Of(p.Source));
            Assert.DoesNotContain(translated, seen.Contains);
        }

        Assert.Equal(3 * Slice, trainedOn["gen3a"].Count);
        Assert.Equal(3 * Slice, trainedOn["gen3r"].Count);
    }

    [Fact]
    public async Task A_pool_too_small_for_generations_times_size_is_refused_by_the_path_with_what_is_needed_and_available()
    {
        var spec = Spec with { Generators = [.. Spec.Generators.Select(g => g with { TrainSize = 9_000 })], Sizes = [4_000] };

        var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => ExperimentSources.SelectAsync(ExperimentGrid.Expand(spec), Loader, CancellationToken.None));

        var refusal = Assert.Single(error.Errors);
        Assert.Equal("generators[2].trainSize", refusal.Field); // gen3r, the first generator of generation 3, which no longer fits
        Assert.Contains("3 generations need disjoint slices of 9,000 + 9,000 + 9,000 sources (27,000) besides 4,000 for the experiment's largest size: 31,000 pairs", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("corpus 'multi30k' has 2", refusal.Message, StringComparison.Ordinal);

        // One generation fewer fits, and sizes the rest cannot hold are still refused by their own path.
        await ExperimentSources.SelectAsync(ExperimentGrid.Expand(spec with { Generators = [.. spec.Generators.Where(g => g.Id is "gen1" or "gen2r")], SyntheticSources = [.. Spec.SyntheticSources.Take(2)] }), Loader, CancellationToken.None);
    }

    [Fact]
    public void Iterated_designs_get_new_datasets_and_one_generation_designs_keep_theirs()
    {
        var single = Spec with { Generators = [Spec.Generators[0]], SyntheticSources = [Spec.SyntheticSources[0]] };
        var plan = ExperimentGrid.Expand(single);

        Assert.Equal(plan.DatasetPrefix + "/reserved-real", plan.ReservedRealDatasetId);
        Assert.Null(Assert.Single(plan.Generators).NextSlice);
        Assert.Equal(ExperimentGrid.DatasetPrefix(single), ExperimentGrid.DatasetPrefix(single with { Name = "other" }));

        // Generations 2 and 3 once learned from translations of their parents' own training sources: never reuse those.
        Assert.NotEqual(ExperimentGrid.DatasetPrefix(Spec), ExperimentGrid.DatasetPrefix(Spec with { Generators = [.. Spec.Generators.Select(g => g with { TrainOn = "real" })] }));
    }

    private static SyntheticTargetSet Translations(string datasetId, string generatorId, IReadOnlyList<SentencePair> pairs)
    {
        var provenance = new TranslationProvenance(generatorId, null, DateTimeOffset.UnixEpoch);
        return new SyntheticTargetSet(
            new GeneratorDescriptor { Id = datasetId, Name = generatorId, Kind = GeneratorKind.Local },
            [.. pairs.Select(p => new SyntheticTarget(p.Source, 0, $"{generatorId}: {p.Target}", null, provenance))]);
    }
}
