using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// Draws a training set of a given size from a pool of real pairs, giving each drawn source either its human target or
/// one generator's target, in exact proportions.
/// <list type="bullet">
/// <item>Candidates: pool pairs whose source every involved set translated, each German source once.</item>
/// <item>Sources: a seeded permutation of the candidates, cut at the size. Because a prefix of a permutation is a
/// subset of any longer prefix, the sets of one seed are nested across sizes, as a learning curve needs.</item>
/// <item>Shares: real = round(n · fraction); the synthetic rest split by weight with the largest-remainder method, so
/// the counts add up to n exactly. Which source gets which origin follows a second seeded permutation.</item>
/// </list>
/// The pool must already exclude dev and test sources (see <see cref="CorpusLoader"/>).
/// </summary>
public static class MixtureComposer
{
    public const string RealOrigin = "real";

    private const ulong SourceStream = 11;
    private const ulong OriginStream = 12;

    /// <exception cref="ArgumentException">A generator the mixture names is missing from <paramref name="sets"/>, or the mixture is inconsistent.</exception>
    public static (IReadOnlyList<TrainingExample> Examples, MixtureReport Report) Compose(
        IReadOnlyList<SentencePair> pool,
        IReadOnlyDictionary<string, SyntheticTargetSet> sets,
        MixtureConfig mixture,
        int size,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (mixture.RealFraction < 1.0 && mixture.Synthetic.Count == 0)
        {
            throw new ArgumentException($"A real fraction of {mixture.RealFraction:P0} needs at least one synthetic generator.", nameof(mixture));
        }

        var involved = mixture.GeneratorIds
            .Select(id => sets.TryGetValue(id, out var set) ? set : throw new ArgumentException($"The synthetic set '{id}' was not loaded.", nameof(sets)))
            .ToList();

        var seen = new HashSet<string>(SourceKey.Comparer);
        var candidates = new List<SentencePair>(pool.Count);
        int uncovered = 0, duplicates = 0;
        foreach (var pair in pool)
        {
            if (!involved.All(set => set.Covers(pair.Source)))
            {
                uncovered++;
            }
            else if (!seen.Add(SourceKey.Of(pair.Source)))
            {
                duplicates++;
            }
            else
            {
                candidates.Add(pair);
            }
        }

        var n = Math.Min(size, candidates.Count);
        var chosen = new DeterministicRandom(seed, SourceStream).Permutation(candidates.Count).Take(n).Order().ToArray();
        var counts = Allocate(n, mixture);
        var origins = new string[n];
        var slots = new DeterministicRandom(seed, OriginStream).Permutation(n);
        var next = 0;
        foreach (var (origin, count) in counts)
        {
            for (var k = 0; k < count; k++)
            {
                origins[slots[next++]] = origin;
            }
        }

        var examples = new List<TrainingExample>(n);
        var identical = 0;
        for (var i = 0; i < n; i++)
        {
            var real = candidates[chosen[i]];
            if (origins[i] == RealOrigin)
            {
                examples.Add(new TrainingExample(real, RealOrigin));
                continue;
            }

            sets[origins[i]].TryGetTarget(real.Source, out var synthetic);
            identical += string.Equals(synthetic.Trim(), real.Target.Trim(), StringComparison.Ordinal) ? 1 : 0;
            examples.Add(new TrainingExample(real with { Target = synthetic }, origins[i]));
        }

        var report = new MixtureReport
        {
            Requested = size,
            Candidates = candidates.Count,
            Uncovered = uncovered,
            DuplicateSources = duplicates,
            Counts = counts.ToDictionary(c => c.Origin, c => c.Count),
            IdenticalToReference = identical,
        };
        return (examples, report);
    }

    /// <summary>Exact counts per origin: real first, then generators in the mixture's order.</summary>
    public static IReadOnlyList<(string Origin, int Count)> Allocate(int n, MixtureConfig mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        var real = mixture.Synthetic.Count == 0 ? n : (int)Math.Round(n * mixture.RealFraction, MidpointRounding.AwayFromZero);
        var result = new List<(string, int)> { (RealOrigin, real) };
        var rest = n - real;
        if (mixture.Synthetic.Count == 0)
        {
            return result;
        }

        var totalWeight = mixture.Synthetic.Sum(s => s.Weight);
        var exact = mixture.Synthetic.Select(s => rest * s.Weight / totalWeight).ToArray();
        var floors = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var leftover = rest - floors.Sum();
        foreach (var index in exact.Select((e, i) => (Remainder: e - floors[i], i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i).Take(leftover))
        {
            floors[index.i]++;
        }

        result.AddRange(mixture.Synthetic.Select((s, i) => (s.GeneratorId, floors[i])));
        return result;
    }
}
