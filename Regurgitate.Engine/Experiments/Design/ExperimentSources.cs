using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The German sources an experiment works on, fixed by its split seed: the corpus's training pool (dev and test
/// removed), and for experiments with local generators a seeded partition of it into the generators' training
/// sources (<see cref="Reserved"/>) and the experiment's sources (<see cref="Experiment"/>), disjoint, each source once.
/// </summary>
public sealed record ExperimentSources(IReadOnlyList<SentencePair> Pool, IReadOnlyList<SentencePair> Reserved, IReadOnlyList<SentencePair> Experiment)
{
    private const ulong PartitionStream = 21;

    public static async Task<ExperimentSources> SelectAsync(ExperimentPlan plan, CorpusLoader loader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(loader);
        var spec = plan.Spec;
        var splits = await loader.LoadSplitsAsync(
            new SplitRequest(spec.CorpusId, SplitRequest.All, spec.DevSize, spec.TestSize, spec.SplitSeed), null, cancellationToken).ConfigureAwait(false);
        var pool = splits.Train;
        if (plan.Generators.Count == 0)
        {
            return new ExperimentSources(pool, [], pool);
        }

        var seen = new HashSet<string>(SourceKey.Comparer);
        var distinct = pool.Where(p => seen.Add(SourceKey.Of(p.Source))).ToList();
        if (distinct.Count < plan.ReservedCount + plan.Spec.Sizes.Min())
        {
            throw new InvalidOperationException(
                $"Corpus '{spec.CorpusId}' has {distinct.Count:N0} distinct training sources; the generators need {plan.ReservedCount:N0} of them held out and the smallest training size is {plan.Spec.Sizes.Min():N0}.");
        }

        var order = new DeterministicRandom(spec.SplitSeed, PartitionStream).Permutation(distinct.Count);
        var reserved = order.Take(plan.ReservedCount).Order().Select(i => distinct[i]).ToList();
        var experiment = order.Skip(plan.ReservedCount).Take(plan.ExperimentSourceCount).Order().Select(i => distinct[i]).ToList();
        return new ExperimentSources(pool, reserved, experiment);
    }

    /// <summary>The reserved pairs with their human targets, as a set the generators' training runs align with.</summary>
    public SyntheticTargetSet ReservedRealSet(string datasetId)
    {
        var generator = new GeneratorDescriptor { Id = datasetId, Name = "Human references held out for generator training", Kind = GeneratorKind.Human };
        var provenance = new TranslationProvenance(datasetId, null, DateTimeOffset.UnixEpoch);
        return new SyntheticTargetSet(generator, [.. Reserved.Select(p => new SyntheticTarget(p.Source, 0, p.Target, null, provenance))]);
    }
}
