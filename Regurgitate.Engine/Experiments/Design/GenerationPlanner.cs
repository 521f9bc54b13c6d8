using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Plans an experiment's local generators as generations. A generator trained on real data is generation 1; one that
/// learns from a generation-k generator is generation k + 1. The pool is cut into one slice of sources per generation
/// (see <see cref="GenerationSlice"/>, partitioned by <see cref="ExperimentSources"/>), and generation k + 1 learns
/// from generation k's translation of slice k + 1, a slice generation k never saw: translating its own training
/// sources would give outputs close to memorised references and understate the decline across generations.
/// <list type="bullet">
/// <item><see cref="GenerationPolicy.Replace"/>: only that translation (<c>trainSize</c> pairs of slice k + 1).</item>
/// <item><see cref="GenerationPolicy.Accumulate"/> (Gerstgrasser et al. 2024, "Is Model Collapse Inevitable?"): the
/// real pairs of slice 1 and every earlier generation's translation of its slice, each part as large as the generation
/// that first learned from it — the data grow with every generation (n, 2n, 3n … for equal sizes).</item>
/// </list>
/// Budget: a generator trains for its own <c>training</c> settings (epochs by default) over whatever its set holds, so
/// an accumulating generation takes proportionally more steps. That is the accumulate setting of Gerstgrasser et al.,
/// where each model is fitted to all data so far; fixing its steps at generation 1's would instead see each pair fewer
/// times the more data accumulate (a fixed-compute design, a different question), and steps matched to a real run of
/// the same total size differ from this only by the synthetic targets' lengths. The spec's <c>budget</c> applies to
/// the grid, where the generations' data are compared at equal sizes; every run records the steps it took.
/// </summary>
public static class GenerationPlanner
{
    /// <summary>Slice 1 keeps the name reserved sources always had, so designs with one generation keep their datasets.</summary>
    public static string SliceRealDatasetId(string prefix, int generation) => generation == 1 ? $"{prefix}/reserved-real" : $"{prefix}/slice-{generation}-real";

    /// <summary>True when some generator learns from another's output (a design with more than one generation).</summary>
    public static bool IsIterated(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Generators.Any(g => !IsReal(g.TrainOn));
    }

    /// <summary>The slices and the generator jobs of a valid spec, in the spec's (dependency) order.</summary>
    public static (IReadOnlyList<GenerationSlice> Slices, IReadOnlyList<GeneratorJob> Jobs) Plan(ExperimentSpec spec, string prefix)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var byId = spec.Generators.ToDictionary(g => g.Id, StringComparer.OrdinalIgnoreCase);
        var chains = new Dictionary<string, IReadOnlyList<LocalGeneratorSpec>>(StringComparer.OrdinalIgnoreCase);
        foreach (var generator in spec.Generators)
        {
            // The validator lets a generator learn only from an earlier one, so its parent's chain is known.
            chains[generator.Id] = IsReal(generator.TrainOn) ? [generator] : [.. chains[generator.TrainOn], generator];
        }

        var slices = spec.Generators
            .GroupBy(g => chains[g.Id].Count)
            .OrderBy(g => g.Key)
            .Select(g => new GenerationSlice(g.Key, g.Max(x => x.TrainSize), SliceRealDatasetId(prefix, g.Key)))
            .ToList();
        string Translation(LocalGeneratorSpec generator, int generation) => GeneratorJob.SliceDatasetId($"{prefix}/{generator.Id}", generation);

        var jobs = new List<GeneratorJob>();
        foreach (var generator in spec.Generators)
        {
            var chain = chains[generator.Id];
            var generation = chain.Count;
            IReadOnlyList<SlicePart> parts = generation == 1
                ? [new SlicePart(slices[0].RealDatasetId, MixtureComposer.RealOrigin, generator.TrainSize)]
                : generator.Policy == GenerationPolicy.Accumulate
                    ? [new SlicePart(slices[0].RealDatasetId, MixtureComposer.RealOrigin, chain[0].TrainSize),
                        .. chain.Skip(1).Select((g, i) => new SlicePart(slices[i + 1].RealDatasetId, Translation(chain[i], i + 2), g.TrainSize))]
                    : [new SlicePart(slices[generation - 1].RealDatasetId, Translation(byId[generator.TrainOn], generation), generator.TrainSize)];
            var total = parts.Sum(p => p.Size);
            var run = new RunConfig
            {
                CorpusId = spec.CorpusId,
                TrainSize = total,
                DevSize = spec.DevSize,
                TestSize = spec.TestSize,
                Seed = generator.Seed,
                SplitSeed = spec.SplitSeed,
                Mixture = new MixtureConfig
                {
                    // The shares and aligned sets restate the parts (see MixtureConfig.Parts).
                    RealFraction = (double)parts.Where(p => p.IsReal).Sum(p => p.Size) / total,
                    Synthetic = [.. parts.Where(p => !p.IsReal).Select(p => new SyntheticShare(p.Origin, p.Size))],
                    AlignWith = [.. parts.Select(p => p.Slice)],
                    Parts = parts,
                },
                Model = generator.Model,
                Training = generator.Training,
            };
            var learnedFrom = spec.Generators.Any(g => g.TrainOn.Equals(generator.Id, StringComparison.OrdinalIgnoreCase));
            jobs.Add(new GeneratorJob(generator, $"{prefix}/{generator.Id}", run)
            {
                Generation = generation,
                NextSlice = learnedFrom ? slices[generation] : null,
            });
        }

        return (slices, jobs);
    }

    private static bool IsReal(string trainOn) => trainOn.Equals(ExperimentGrid.RealCondition, StringComparison.OrdinalIgnoreCase);
}
