using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The German sources an experiment works on, fixed by its split seed: the corpus's training pool (dev and test
/// removed), and for experiments with local generators a seeded partition of it into the generators' training
/// sources (<see cref="Reserved"/>) and the experiment's sources (<see cref="Experiment"/>), disjoint, each source once.
/// Ordered strategies hold out further sources (<see cref="HeldOut"/>) for their scorer models and detector: taken after
/// the experiment's sources when local generators fix how many those are (so adding a strategy keeps them), otherwise
/// before the rest of the pool.
/// </summary>
public sealed record ExperimentSources(IReadOnlyList<SentencePair> Pool, IReadOnlyList<SentencePair> Reserved, IReadOnlyList<SentencePair> Experiment)
{
    public IReadOnlyList<SentencePair> HeldOut { get; init; } = [];

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
        PoolSizeCheck.ThrowIfTooLarge(spec, Math.Max(0, available), what);
        if (plan.Generators.Count == 0 && plan.HeldOutCount == 0)
        {
            return new ExperimentSources(pool, [], pool);
        }

        var order = new DeterministicRandom(spec.SplitSeed, PartitionStream).Permutation(distinct.Count);
        List<SentencePair> Take(int skip, int count) => [.. order.Skip(skip).Take(count).Order().Select(i => distinct[i])];
        var reserved = Take(0, plan.ReservedCount);
        if (plan.ExperimentSourceCount > 0)
        {
            // The pool factor asks for more sources than the largest size; a small corpus gives what it has.
            var experiment = Math.Min(plan.ExperimentSourceCount, available);
            return new ExperimentSources(pool, reserved, Take(plan.ReservedCount, experiment))
            {
                HeldOut = Take(plan.ReservedCount + experiment, plan.HeldOutCount),
            };
        }

        return new ExperimentSources(pool, reserved, Take(plan.ReservedCount + plan.HeldOutCount, distinct.Count))
        {
            HeldOut = Take(plan.ReservedCount, plan.HeldOutCount),
        };
    }

    /// <summary>The reserved pairs with their human targets, as a set the generators' training runs align with.</summary>
    public SyntheticTargetSet ReservedRealSet(string datasetId) => HumanSet(datasetId, "Human references held out for generator training", Reserved);

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
