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
    /// <param name="scoresDirectory">Folder under which ordered strategies keep their scores (one sub-folder each).</param>
    public static ExperimentPlan Expand(ExperimentSpec spec, string? sharedTokenizerDirectory = null, string? scoresDirectory = null)
    {
        ExperimentSpecValidator.ThrowIfInvalid(spec);
        var prefix = DatasetPrefix(spec);
        var ordered = spec.Strategies.Where(s => s.Order != StrategyOrder.Random).ToList();
        var heldOut = ordered.Count > 0 ? spec.Mitigation.HeldOutSources : 0;
        var heldOutReal = heldOut > 0 ? $"{prefix}/held-out-real" : null;
        var experimentPool = heldOut > 0 ? $"{prefix}/experiment-real" : null;
        var hasLocal = spec.Generators.Count > 0;
        var (slices, jobs) = GenerationPlanner.Plan(spec, prefix);
        var local = jobs.ToDictionary(j => j.Spec.Id, j => j.DatasetId, StringComparer.OrdinalIgnoreCase);

        string Resolve(string id) => local.TryGetValue(id, out var dataset) ? dataset : id;
        var sources = spec.SyntheticSources
            .Select(s => (s.Label, Shares: s.Generators.Select(g => g with { GeneratorId = Resolve(g.GeneratorId) }).ToList()))
            .ToList();
        IReadOnlyList<string> alignWith = [.. sources.SelectMany(s => s.Shares).Select(s => s.GeneratorId).Concat(local.Values)
            .Concat(experimentPool is null ? [] : [experimentPool]).Distinct(StringComparer.OrdinalIgnoreCase)];

        IReadOnlyList<StrategySpec> strategies = spec.Strategies.Count > 0 ? spec.Strategies : [new StrategySpec()];
        bool Applies(StrategySpec strategy, string label) => strategy.Sources.Count == 0 || strategy.Sources.Contains(label, StringComparer.OrdinalIgnoreCase);
        var scoringRoot = scoresDirectory ?? Path.Combine(Path.GetTempPath(), "regurgitate-scores");
        var scorings = ordered.Select(strategy => new ScoringJob(
            strategy,
            Path.Combine(scoringRoot, $"{strategy.Name}-{ScoringIdentity(spec, prefix, strategy)}"),
            [.. sources.Where(s => Applies(strategy, s.Label)).SelectMany(s => s.Shares).Select(s => s.GeneratorId).Distinct(StringComparer.OrdinalIgnoreCase)]))
            .ToList();
        var needsScorerModels = ordered.Any(s => s.Order == StrategyOrder.Quality && s.EffectiveWeights.Any(w => w.Value > 0 && w.Key is "model" or "roundtrip"));
        var scorerRun = needsScorerModels
            ? new RunConfig
            {
                CorpusId = spec.CorpusId,
                TrainSize = heldOut,
                DevSize = spec.DevSize,
                TestSize = spec.TestSize,
                Seed = spec.Mitigation.Seed,
                SplitSeed = spec.SplitSeed,
                Mixture = new MixtureConfig { AlignWith = [heldOutReal!] },
                Model = spec.Mitigation.ScorerModel,
                Training = spec.Mitigation.ScorerTraining,
            }
            : null;

        var conditions = new List<(string Label, double Fraction, string? Source, IReadOnlyList<SyntheticShare> Shares, StrategySpec? Strategy)>();
        foreach (var fraction in spec.RealFractions.Distinct().OrderByDescending(f => f))
        {
            if (fraction >= 1.0)
            {
                conditions.Add((RealCondition, 1.0, null, [], null));
                continue;
            }

            foreach (var (label, shares) in sources)
            {
                foreach (var strategy in strategies.Where(s => Applies(s, label)))
                {
                    var name = fraction <= 0.0 ? label : $"{(fraction * 100).ToString("0.#", CultureInfo.InvariantCulture)}% real + {label}";
                    conditions.Add((strategy.IsPlainRandom ? name : $"{name} · {strategy.Name}", fraction, label, shares, strategy));
                }
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
                        DataSeed = spec.DataSeed,
                        InitSeed = spec.InitSeed,
                        SplitSeed = spec.SplitSeed,
                        Mixture = new MixtureConfig
                        {
                            RealFraction = condition.Fraction,
                            Synthetic = condition.Shares,
                            AlignWith = alignWith,
                            Failures = spec.Failures,
                            Order = condition.Strategy is { Order: not StrategyOrder.Random } strategy
                                ? new SelectionOrder { Name = strategy.Name, ScoresDirectory = scorings.Single(j => j.Strategy == strategy).Directory, DropBottomFraction = strategy.DropBottom }
                                : null,
                        },
                        TokenizerDirectory = spec.Tokenizer == TokenizerSharing.Shared ? sharedTokenizerDirectory : null,
                        Model = spec.Model,
                        Training = spec.Training,
                        TestDecoding = spec.TestDecoding,
                        References = spec.References,
                    };
                    runs.Add(new GridPoint(condition.Label, condition.Fraction, condition.Source, size, seed, config, condition.Strategy?.Name));
                }
            }
        }

        // Local generators translate a pool larger than the largest size (as far as the corpus allows, see
        // ExperimentSources), so that even at that size seeds draw different sets and ordered strategies can choose.
        var experimentSources = hasLocal ? (int)Math.Ceiling(spec.Sizes.Max() * spec.Mitigation.PoolFactor) : 0;
        return new ExperimentPlan(spec, prefix, slices.FirstOrDefault()?.RealDatasetId, slices.Sum(x => x.Count), experimentSources, jobs, runs)
        {
            GenerationSlices = slices,
            HeldOutCount = heldOut,
            HeldOutRealDatasetId = heldOutReal,
            ExperimentPoolDatasetId = experimentPool,
            Scorings = scorings,
            ScorerTrainingRun = scorerRun,
            PretrainingRun = FineTuning.PretrainingRun(spec),
        };
    }

    // What a strategy's scores depend on: the data (prefix) and held-out split, the scorer settings and the order.
    // Dropping the bottom is applied when a training set is composed, so it does not change the scores.
    private static string ScoringIdentity(ExperimentSpec spec, string prefix, StrategySpec strategy)
    {
        var identity = JsonSerializer.Serialize(new
        {
            prefix,
            strategy.Order,
            Weights = strategy.Order == StrategyOrder.Quality ? strategy.EffectiveWeights.OrderBy(w => w.Key, StringComparer.Ordinal).ToList() : null,
            spec.Mitigation,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
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
        // Held-out sources and the pool factor change the partition. Designs with ordered strategies keep the prefix
        // they always had; designs with local generators only gained the pool factor when it came to apply to them.
        var heldOut = spec.Strategies.Any(s => s.Order != StrategyOrder.Random)
            ? string.Create(CultureInfo.InvariantCulture, $"+held-out:{spec.Mitigation.HeldOutSources}+pool:{spec.Mitigation.PoolFactor}")
            : spec.Generators.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"+pool:{spec.Mitigation.PoolFactor}") : string.Empty;
        // Iterated designs gained one slice per generation: their data (generations that had learned from translations
        // of their parents' own training sources) must not be reused.
        var slices = GenerationPlanner.IsIterated(spec) ? "+slices" : string.Empty;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity + heldOut + slices)))[..12];
        return $"local/{spec.CorpusId}-{hash}";
    }
}
