using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Mitigation.Ordering;

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
/// With a <see cref="MixtureConfig.Order"/>, each generator instead takes its best-scored candidates (after dropping
/// the bottom of its ranking), generators taking turns so that no source is used twice, and the real share takes a
/// seeded sample of what is left. The ranking does not depend on the size, so ordered sets are nested too.
/// The pool must already exclude dev and test sources (see <see cref="CorpusLoader"/>).
/// A generator's failed or blank translation is handled as <see cref="MixtureConfig.Failures"/> says: drop-everywhere
/// leaves the source out of the candidates (every condition aligned with the generator loses it); otherwise it stays a
/// candidate, and a random sample trains the failed generator's slot with an empty target or gives it the next source
/// of the seeded order that the generator did translate. An ordered selection never takes a failed pair (it has no
/// score); the real share can. The report counts failures per generator, in the pool and in the set.
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
        int seed,
        IReadOnlyDictionary<string, PairScores>? scores = null)
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
        var failedInPool = involved.ToDictionary(set => set.Generator.Id, _ => 0, StringComparer.OrdinalIgnoreCase);
        var keepFailures = mixture.Failures != FailurePolicy.DropEverywhere;
        foreach (var pair in pool)
        {
            if (!involved.All(set => set.Attempted(pair.Source)))
            {
                uncovered++;
                continue;
            }

            if (!seen.Add(SourceKey.Of(pair.Source)))
            {
                duplicates++;
                continue;
            }

            var failedBy = involved.Where(set => !Usable(set, pair.Source)).ToList();
            foreach (var set in failedBy)
            {
                failedInPool[set.Generator.Id]++;
            }

            if (failedBy.Count == 0 || keepFailures)
            {
                candidates.Add(pair);
            }
            else
            {
                uncovered++;
            }
        }

        if (mixture.Order is not null && mixture.Synthetic.Count > 0)
        {
            return ComposeOrdered(candidates, sets, mixture, size, seed, scores, uncovered, duplicates, failedInPool);
        }

        var n = Math.Min(size, candidates.Count);
        var permutation = new DeterministicRandom(seed, SourceStream).Permutation(candidates.Count);
        var chosen = permutation.Take(n).Order().ToArray();
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
        var failedInSet = mixture.Synthetic.ToDictionary(s => s.GeneratorId, _ => 0, StringComparer.OrdinalIgnoreCase);

        // Replacements come from beyond the sample in the same seeded order, each source used once, each generator
        // scanning on from where its last replacement was found.
        var used = new bool[candidates.Count];
        var cursors = mixture.Synthetic.ToDictionary(s => s.GeneratorId, _ => n, StringComparer.OrdinalIgnoreCase);
        SentencePair? NextTranslated(string generatorId)
        {
            for (var position = cursors[generatorId]; position < permutation.Length; position++)
            {
                var index = permutation[position];
                if (!used[index] && Usable(sets[generatorId], candidates[index].Source))
                {
                    used[index] = true;
                    cursors[generatorId] = position + 1;
                    return candidates[index];
                }
            }

            cursors[generatorId] = permutation.Length;
            return null;
        }

        for (var i = 0; i < n; i++)
        {
            var real = candidates[chosen[i]];
            if (origins[i] == RealOrigin)
            {
                examples.Add(TrainingExample.Real(real));
                continue;
            }

            var set = sets[origins[i]];
            if (!Usable(set, real.Source))
            {
                failedInSet[origins[i]]++;
                if (mixture.Failures == FailurePolicy.KeepAsEmpty)
                {
                    examples.Add(new TrainingExample(real with { Target = string.Empty }, origins[i], real.Target));
                    continue;
                }

                // Replace-with-next-source; when the order runs out the set is one pair smaller, as its counts say.
                if (NextTranslated(origins[i]) is not { } replacement)
                {
                    continue;
                }

                real = replacement;
            }

            set.TryGetTarget(real.Source, out var synthetic);
            identical += string.Equals(synthetic.Trim(), real.Target.Trim(), StringComparison.Ordinal) ? 1 : 0;
            examples.Add(new TrainingExample(real with { Target = synthetic }, origins[i], real.Target));
        }

        var report = new MixtureReport
        {
            Requested = size,
            Candidates = candidates.Count,
            Uncovered = uncovered,
            DuplicateSources = duplicates,
            Counts = counts.ToDictionary(c => c.Origin, c => examples.Count(e => e.Origin == c.Origin)),
            IdenticalToReference = identical,
            Failures = mixture.Failures,
            FailedInPool = failedInPool,
            FailedInSet = failedInSet,
        };
        return (examples, report);
    }

    /// <summary>
    /// Distinct sources of <paramref name="pool"/> a training set aligned with <paramref name="sets"/> can draw from
    /// under <paramref name="failures"/>: the largest size an experiment's grid can ask for.
    /// </summary>
    public static int AlignedPoolSize(IReadOnlyList<SentencePair> pool, IReadOnlyList<SyntheticTargetSet> sets, FailurePolicy failures)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(sets);
        return pool
            .Where(p => failures == FailurePolicy.DropEverywhere ? sets.All(set => Usable(set, p.Source)) : sets.All(set => set.Attempted(p.Source)))
            .Select(p => SourceKey.Of(p.Source))
            .Distinct(SourceKey.Comparer)
            .Count();
    }

    /// <summary>A generator's target for the source exists and is not blank (a blank output is a failure too).</summary>
    private static bool Usable(SyntheticTargetSet set, string source) => set.TryGetTarget(source, out var target) && !string.IsNullOrWhiteSpace(target);

    private static (IReadOnlyList<TrainingExample>, MixtureReport) ComposeOrdered(
        List<SentencePair> candidates,
        IReadOnlyDictionary<string, SyntheticTargetSet> sets,
        MixtureConfig mixture,
        int size,
        int seed,
        IReadOnlyDictionary<string, PairScores>? scores,
        int uncovered,
        int duplicates,
        IReadOnlyDictionary<string, int> failedInPool)
    {
        var order = mixture.Order!;
        var generators = mixture.Synthetic.Select(s => s.GeneratorId).ToList();
        var rankings = new Dictionary<string, int[]>(StringComparer.OrdinalIgnoreCase);
        var dropped = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in generators)
        {
            if (scores is null || !scores.TryGetValue(id, out var generatorScores))
            {
                throw new ArgumentException($"The ordered selection '{order.Name}' has no scores for '{id}'.", nameof(scores));
            }

            var ranked = ScoreRanking.Rank([.. candidates.Select(c => generatorScores.Of(c.Source))], seed);
            var drop = (int)Math.Floor(ranked.Length * order.DropBottomFraction);
            dropped[id] = drop;

            // A failed translation (kept as a candidate for the real share) is never the generator's to take.
            rankings[id] = [.. ranked[..^drop].Where(i => Usable(sets[id], candidates[i].Source))];
        }

        // A generator whose filtered ranking runs out supplies fewer pairs; the report's counts say so and the set is
        // smaller rather than topped up with pairs the filter rejected.
        var n = Math.Min(size, candidates.Count);
        var counts = Allocate(n, mixture);
        var taken = new bool[candidates.Count];
        var origins = new string?[candidates.Count];
        var need = counts.Skip(1).ToDictionary(c => c.Origin, c => c.Count, StringComparer.OrdinalIgnoreCase);
        var cursor = generators.ToDictionary(g => g, _ => 0, StringComparer.OrdinalIgnoreCase);
        bool progressed;
        do
        {
            progressed = false;
            foreach (var id in generators)
            {
                if (need[id] == 0)
                {
                    continue;
                }

                var ranked = rankings[id];
                var position = cursor[id];
                while (position < ranked.Length && taken[ranked[position]])
                {
                    position++;
                }

                if (position == ranked.Length)
                {
                    need[id] = 0;
                    continue;
                }

                taken[ranked[position]] = true;
                origins[ranked[position]] = id;
                cursor[id] = position + 1;
                need[id]--;
                progressed = true;
            }
        }
        while (progressed);

        var realCount = counts[0].Count;
        foreach (var index in new DeterministicRandom(seed, SourceStream).Permutation(candidates.Count))
        {
            if (realCount == 0)
            {
                break;
            }

            if (!taken[index])
            {
                taken[index] = true;
                origins[index] = RealOrigin;
                realCount--;
            }
        }

        var examples = new List<TrainingExample>(n);
        var identical = 0;
        var finalCounts = counts.ToDictionary(c => c.Origin, _ => 0);
        var scoreSums = generators.ToDictionary(g => g, _ => (Sum: 0.0, Count: 0), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (origins[i] is not { } origin)
            {
                continue;
            }

            finalCounts[origin]++;
            var real = candidates[i];
            if (origin == RealOrigin)
            {
                examples.Add(TrainingExample.Real(real));
                continue;
            }

            sets[origin].TryGetTarget(real.Source, out var synthetic);
            identical += string.Equals(synthetic.Trim(), real.Target.Trim(), StringComparison.Ordinal) ? 1 : 0;
            if (scores![origin].Of(real.Source) is double score)
            {
                var (sum, count) = scoreSums[origin];
                scoreSums[origin] = (sum + score, count + 1);
            }

            examples.Add(new TrainingExample(real with { Target = synthetic }, origin, real.Target));
        }

        var report = new MixtureReport
        {
            Requested = size,
            Candidates = candidates.Count,
            Uncovered = uncovered,
            DuplicateSources = duplicates,
            Counts = finalCounts,
            IdenticalToReference = identical,
            Failures = mixture.Failures,
            FailedInPool = failedInPool,
            OrderedBy = order.Name,
            Dropped = dropped,
            MeanScores = scoreSums.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key, s => s.Value.Sum / s.Value.Count),
        };
        return (examples, report);
    }

    /// <summary>
    /// True when <see cref="Compose"/> gives every seed the same training set: an ordered mixture (each generator's
    /// best-scored pairs) with no real share at this size. The pair scores come from the strategy, not from the run's
    /// seed, which then only breaks ties between equal (or missing) scores in <see cref="ScoreRanking"/>; sets can
    /// differ only where such ties straddle the cut. The seed still sets initialisation, batch order and dropout, so
    /// the spread over seeds of such a condition is training randomness alone, not the sampling of its data.
    /// </summary>
    public static bool SameSetForEverySeed(MixtureConfig mixture, int size)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);

        // Fewer candidates than the size only lowers the real count (round(n · fraction) grows with n), so 0 at the size means 0 always.
        return mixture.Order is not null && mixture.Synthetic.Count > 0 && Allocate(size, mixture)[0].Count == 0;
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
