using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// Composes a training set from <see cref="MixtureConfig.Parts"/>: each part is a <see cref="MixtureComposer"/> draw
/// of its size from the sources of its own slice, all real or all one generator's, and the set is the parts side by
/// side. Because the slices are disjoint, no source is used twice, and every pair keeps the origin (real, or which
/// generator's translation of which slice) it came from. The report adds the parts up and lists them.
/// </summary>
public static class PartsComposer
{
    /// <exception cref="ArgumentException">The mixture has no parts, or a set a part names was not loaded.</exception>
    public static (IReadOnlyList<TrainingExample> Examples, MixtureReport Report) Compose(
        IReadOnlyList<SentencePair> pool,
        IReadOnlyDictionary<string, SyntheticTargetSet> sets,
        MixtureConfig mixture,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(mixture);
        if (mixture.Parts is not { Count: > 0 } parts)
        {
            throw new ArgumentException("The mixture has no parts.", nameof(mixture));
        }

        var examples = new List<TrainingExample>();
        var reports = new List<MixtureReport>();
        foreach (var part in parts)
        {
            var draw = new MixtureConfig
            {
                RealFraction = part.IsReal ? 1.0 : 0.0,
                Synthetic = part.IsReal ? [] : [new SyntheticShare(part.Origin)],
                AlignWith = [part.Slice],
                Failures = mixture.Failures,
            };
            var (drawn, report) = MixtureComposer.Compose(pool, sets, draw, part.Size, seed);
            examples.AddRange(drawn);
            reports.Add(report);
        }

        return (examples, Combine(pool.Count, mixture, reports));
    }

    private static MixtureReport Combine(int poolCount, MixtureConfig mixture, IReadOnlyList<MixtureReport> reports)
    {
        var parts = mixture.Parts!;
        var candidates = reports.Sum(r => r.Candidates);
        var duplicates = reports.Sum(r => r.DuplicateSources);
        return new MixtureReport
        {
            Requested = parts.Sum(p => p.Size),
            Candidates = candidates,

            // Each part counts as uncovered every pool pair outside its slice; for the whole set, a pair is uncovered
            // when it is in no slice (the pool splits into candidates, repeated sources and the rest).
            Uncovered = Math.Max(0, poolCount - candidates - duplicates),
            DuplicateSources = duplicates,
            Counts = Sum(reports.Select(r => r.Counts)),
            IdenticalToReference = reports.Sum(r => r.IdenticalToReference),
            Failures = mixture.Failures,
            FailedInPool = Sum(reports.Select(r => r.FailedInPool)),
            FailedInSet = Sum(reports.Select(r => r.FailedInSet)),
            Parts = [.. parts.Select((p, i) => p with { Size = reports[i].Total })],
        };
    }

    private static Dictionary<string, int> Sum(IEnumerable<IReadOnlyDictionary<string, int>> counts)
    {
        var sum = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in counts.SelectMany(c => c))
        {
            sum[key] = sum.GetValueOrDefault(key) + value;
        }

        return sum;
    }
}
