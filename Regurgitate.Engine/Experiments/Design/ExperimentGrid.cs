using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Expands a valid <see cref="ExperimentSpec"/> into its <see cref="ExperimentPlan"/>: size × condition × seed runs
/// that share the split seed (hence dev and test), the synthetic sets they align with (hence the candidate sources),
/// and the experiment's tokenizer. Conditions are the real fractions crossed with the synthetic sources; the all-real
/// fraction is one condition whatever the sources.
/// </summary>
public static class ExperimentGrid
{
    public const string RealCondition = "real";

    /// <exception cref="ExperimentSpecException">The spec is invalid (all errors listed).</exception>
    public static ExperimentPlan Expand(ExperimentSpec spec, string? sharedTokenizerDirectory = null)
    {
        ExperimentSpecValidator.ThrowIfInvalid(spec);
        var prefix = DatasetPrefix(spec);
        var hasLocal = spec.Generators.Count > 0;
        var reservedReal = hasLocal ? $"{prefix}/reserved-real" : null;
        var reservedCount = hasLocal ? spec.Generators.Max(g => g.TrainSize) : 0;
        var local = spec.Generators.ToDictionary(g => g.Id, g => $"{prefix}/{g.Id}", StringComparer.OrdinalIgnoreCase);

        var jobs = new List<GeneratorJob>();
        foreach (var generator in spec.Generators)
        {
            var mixture = generator.TrainOn.Equals(RealCondition, StringComparison.OrdinalIgnoreCase)
                ? new MixtureConfig { AlignWith = [reservedReal!] }
                : new MixtureConfig
                {
                    // Accumulate: real pairs and the previous generation's share the generator's training sources equally.
                    RealFraction = generator.Policy == GenerationPolicy.Accumulate ? 0.5 : 0.0,
                    Synthetic = [new SyntheticShare(local[generator.TrainOn] + ".reserved")],
                    AlignWith = [reservedReal!],
                };
            var run = new RunConfig
            {
                CorpusId = spec.CorpusId,
                TrainSize = generator.TrainSize,
                DevSize = spec.DevSize,
                TestSize = spec.TestSize,
                Seed = generator.Seed,
                SplitSeed = spec.SplitSeed,
                Mixture = mixture,
                Model = generator.Model,
                Training = generator.Training,
            };
            jobs.Add(new GeneratorJob(generator, local[generator.Id], local[generator.Id] + ".reserved", run));
        }

        string Resolve(string id) => local.TryGetValue(id, out var dataset) ? dataset : id;
        var sources = spec.SyntheticSources
            .Select(s => (s.Label, Shares: s.Generators.Select(g => g with { GeneratorId = Resolve(g.GeneratorId) }).ToList()))
            .ToList();
        IReadOnlyList<string> alignWith = [.. sources.SelectMany(s => s.Shares).Select(s => s.GeneratorId).Concat(local.Values).Distinct(StringComparer.OrdinalIgnoreCase)];

        var conditions = new List<(string Label, double Fraction, string? Source, IReadOnlyList<SyntheticShare> Shares)>();
        foreach (var fraction in spec.RealFractions.Distinct().OrderByDescending(f => f))
        {
            if (fraction >= 1.0)
            {
                conditions.Add((RealCondition, 1.0, null, []));
                continue;
            }

            foreach (var (label, shares) in sources)
            {
                var name = fraction <= 0.0 ? label : $"{(fraction * 100).ToString("0.#", CultureInfo.InvariantCulture)}% real + {label}";
                conditions.Add((name, fraction, label, shares));
            }
        }

        var runs = new List<GridPoint>();
        foreach (var size in spec.Sizes.Order())
        {
            foreach (var condition in conditions)
            {
                foreach (var seed in spec.Seeds)
                {
                    var config = new RunConfig
                    {
                        CorpusId = spec.CorpusId,
                        TrainSize = size,
                        DevSize = spec.DevSize,
                        TestSize = spec.TestSize,
                        Seed = seed,
                        SplitSeed = spec.SplitSeed,
                        Mixture = new MixtureConfig { RealFraction = condition.Fraction, Synthetic = condition.Shares, AlignWith = alignWith },
                        TokenizerDirectory = spec.Tokenizer == TokenizerSharing.Shared ? sharedTokenizerDirectory : null,
                        Model = spec.Model,
                        Training = spec.Training,
                        TestDecoding = spec.TestDecoding,
                    };
                    runs.Add(new GridPoint(condition.Label, condition.Fraction, condition.Source, size, seed, config));
                }
            }
        }

        return new ExperimentPlan(spec, prefix, reservedReal, reservedCount, hasLocal ? spec.Sizes.Max() : 0, jobs, runs);
    }

    /// <summary>
    /// Content address of the data an experiment generates: the same pool, split and generator settings always map to
    /// the same datasets, so running a spec again (or resuming it) reuses what was generated instead of paying twice.
    /// </summary>
    public static string DatasetPrefix(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var identity = JsonSerializer.Serialize(new
        {
            spec.CorpusId,
            spec.SplitSeed,
            spec.DevSize,
            spec.TestSize,
            Sources = spec.Generators.Count > 0 ? spec.Sizes.Max() : 0,
            spec.Generators,
        });
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
        return $"local/{spec.CorpusId}-{hash}";
    }
}
