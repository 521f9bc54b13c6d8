using System.Globalization;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The German sources an experiment works on, fixed by its split seed: the corpus's training pool (dev and test
/// removed), and for experiments with local generators a seeded partition of it into the generators' training
/// sources (<see cref="Reserved"/>: one slice per generation, <see cref="Slices"/>) and the experiment's sources
/// (<see cref="Experiment"/>), disjoint, each source once. The partition follows the split seed, which fixes the
/// experiment's data whatever the grid's seeds, so that every run of the experiment sees the same generators.
/// Ordered strategies hold out further sources (<see cref="HeldOut"/>) for their scorer models and detector: taken after
/// the experiment's sources when local generators fix how many those are (so adding a strategy keeps them), otherwise
/// before the rest of the pool.
/// </summary>
public sealed record ExperimentSources(IReadOnlyList<SentencePair> Pool, IReadOnlyList<SentencePair> Reserved, IReadOnlyList<SentencePair> Experiment)
{
    public IReadOnlyList<SentencePair> HeldOut { get; init; } = [];

    /// <summary>The generations' slices in order (slice k is what generation k learns from); together they are <see cref="Reserved"/>.</summary>
    public IReadOnlyList<IReadOnlyList<SentencePair>> Slices { get; init; } = [];

    private const ulong PartitionStream = 21;

    public static async Task<ExperimentSources> SelectAsync(ExperimentPlan plan, CorpusLoader loader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(loader);
        var spec = plan.Spec;
        var splits = await loader.LoadSplitsAsync(
            new SplitRequest(spec.CorpusId, SplitRequest.All, spec.DevSize, spec.TestSize, spec.SplitSeed), null, cancellationToken).ConfigureAwait(false);
        var pool = splits.Train;
        var seen = new HashSet<string>(SourceKey.Comparer);
        var distinct = pool.Where(p => seen.Add(SourceKey.Of(p.Source))).ToList();
        var available = distinct.Count - plan.ReservedCount - plan.HeldOutCount;
        var what = plan.ReservedCount + plan.HeldOutCount == 0
            ? $"in corpus '{spec.CorpusId}' once dev and test are removed"
            : $"left in corpus '{spec.CorpusId}' of {distinct.Count:N0} distinct training sources once the generators' {plan.ReservedCount:N0} and the strategies' {plan.HeldOutCount:N0} held-out sources are removed";
        ThrowIfGenerationsDoNotFit(plan, distinct.Count);
        PoolSizeCheck.ThrowIfTooLarge(spec, Math.Max(0, available), what);
        if (plan.Generators.Count == 0 && plan.HeldOutCount == 0)
        {
            return new ExperimentSources(pool, [], pool);
        }

        var order = new DeterministicRandom(spec.SplitSeed, PartitionStream).Permutation(distinct.Count);
        List<SentencePair> Take(int skip, int count) => [.. order.Skip(skip).Take(count).Order().Select(i => distinct[i])];
        var reserved = Take(0, plan.ReservedCount);

        // Slice 1 is what the reserved sources were before generations had slices, so one-generation designs keep them.
        var offsets = plan.GenerationSlices.Select((_, k) => plan.GenerationSlices.Take(k).Sum(x => x.Count)).ToList();
        IReadOnlyList<IReadOnlyList<SentencePair>> slices = [.. plan.GenerationSlices.Select((slice, k) => Take(offsets[k], slice.Count))];
        if (plan.ExperimentSourceCount > 0)
        {
            // The pool factor asks for more sources than the largest size; a small corpus gives what it has.
            var experiment = Math.Min(plan.ExperimentSourceCount, available);
            return new ExperimentSources(pool, reserved, Take(plan.ReservedCount, experiment))
            {
                HeldOut = Take(plan.ReservedCount + experiment, plan.HeldOutCount),
                Slices = slices,
            };
        }

        return new ExperimentSources(pool, reserved, Take(plan.ReservedCount + plan.HeldOutCount, distinct.Count))
        {
            HeldOut = Take(plan.ReservedCount, plan.HeldOutCount),
        };
    }

    /// <summary>A generation's slice with its human targets, as a set the generators' training runs draw that slice from.</summary>
    public SyntheticTargetSet SliceRealSet(GenerationSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return HumanSet(slice.RealDatasetId, $"Human references of the sources held out for generation {slice.Generation} of the generators", Slices[slice.Generation - 1]);
    }

    /// <summary>
    /// Refuses (by the path of the first generator whose generation has no room left) a design whose generations'
    /// disjoint slices, the experiment's largest size and the held-out sources do not fit in the pool together.
    /// </summary>
    private static void ThrowIfGenerationsDoNotFit(ExperimentPlan plan, int distinct)
    {
        var spec = plan.Spec;
        if (plan.GenerationSlices.Count < 2)
        {
            // One generation needs one slice, as reserved sources always did: a size the rest cannot hold is refused by its path.
            return;
        }

        var largest = spec.Sizes.Count > 0 ? spec.Sizes.Max() : 0;
        var needed = plan.ReservedCount + largest + plan.HeldOutCount;
        if (needed <= distinct)
        {
            return;
        }

        var sum = 0;
        var overflowing = plan.GenerationSlices.First(slice => (sum += slice.Count) + largest + plan.HeldOutCount > distinct);
        var index = plan.Generators.Select((job, i) => (job, i)).First(x => x.job.Generation == overflowing.Generation).i;
        var slices = string.Join(" + ", plan.GenerationSlices.Select(x => x.Count.ToString("N0", CultureInfo.InvariantCulture)));
        var heldOut = plan.HeldOutCount > 0 ? string.Create(CultureInfo.InvariantCulture, $", {plan.HeldOutCount:N0} held out for the strategies") : string.Empty;
        throw new ExperimentSpecException(
            [new RunConfigError(
                $"generators[{index}].trainSize",
                string.Create(CultureInfo.InvariantCulture, $"{plan.GenerationSlices.Count} generations need disjoint slices of {slices} sources ({plan.ReservedCount:N0}) besides {largest:N0} for the experiment's largest size{heldOut}: {needed:N0} pairs with distinct sources in all, but corpus '{spec.CorpusId}' has {distinct:N0} once dev and test are removed. Lower the generators' trainSize or the sizes, or use fewer generations."))],
            spec.Name);
    }

    /// <summary>The held-out pairs with their human targets: the scorer models' training set and the detector's human side.</summary>
    public SyntheticTargetSet HeldOutRealSet(string datasetId) => HumanSet(datasetId, "Human references held out for the strategies' scorers and detector", HeldOut);

    /// <summary>The experiment's pairs with their human targets, which every grid run aligns with.</summary>
    public SyntheticTargetSet ExperimentRealSet(string datasetId) => HumanSet(datasetId, "Human references of the experiment's sources", Experiment);

    private static SyntheticTargetSet HumanSet(string datasetId, string name, IReadOnlyList<SentencePair> pairs)
    {
        var generator = new GeneratorDescriptor { Id = datasetId, Name = name, Kind = GeneratorKind.Human };
        var provenance = new TranslationProvenance(datasetId, null, DateTimeOffset.UnixEpoch);
        return new SyntheticTargetSet(generator, [.. pairs.Select(p => new SyntheticTarget(p.Source, 0, p.Target, null, provenance))]);
    }
}
