using System.Text.RegularExpressions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Every problem of a spec at once, each named by its JSON path (e.g. <c>sizes[2]</c>,
/// <c>syntheticSources[0].generators[1].generatorId</c>), so a researcher fixes a spec in one pass.
/// </summary>
public static partial class ExperimentSpecValidator
{
    /// <summary>Beyond this a grid is almost certainly a typo (a size list pasted into seeds, say).</summary>
    public const int MaxRuns = 2_000;

    public static IReadOnlyList<RunConfigError> Validate(ExperimentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var missing = MissingParts(spec);
        if (missing.Count > 0)
        {
            // The checks below walk these parts; name the holes instead of failing on them.
            return missing;
        }

        var errors = new List<RunConfigError>();
        void Error(string field, string message) => errors.Add(new(field, message));

        if (spec.SchemaVersion != ExperimentSpec.CurrentSchemaVersion)
        {
            Error("schemaVersion", $"This version of Regurgitate reads schema version {ExperimentSpec.CurrentSchemaVersion}, not {spec.SchemaVersion}.");
        }

        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            Error("name", "Give the experiment a name.");
        }
        else if (spec.Name.Length > 200)
        {
            Error("name", "Keep the name under 200 characters.");
        }

        if (CorpusCatalog.Find(spec.CorpusId) is null)
        {
            Error("corpusId", $"Unknown corpus '{spec.CorpusId}'. Known corpora: {string.Join(", ", CorpusCatalog.Corpora.Select(c => c.Id))}.");
        }

        Range(errors, "devSize", spec.DevSize, 8, 100_000);
        Range(errors, "testSize", spec.TestSize, 8, 100_000);

        if (spec.Sizes.Count == 0)
        {
            Error("sizes", "List at least one training size.");
        }

        for (var i = 0; i < spec.Sizes.Count; i++)
        {
            Range(errors, $"sizes[{i}]", spec.Sizes[i], 16, 10_000_000);
        }

        Duplicates(errors, "sizes", spec.Sizes);

        if (spec.RealFractions.Count == 0)
        {
            Error("realFractions", "List at least one real fraction (1 = all real, 0 = all synthetic).");
        }

        for (var i = 0; i < spec.RealFractions.Count; i++)
        {
            if (!(spec.RealFractions[i] is >= 0.0 and <= 1.0))
            {
                Error($"realFractions[{i}]", $"A real fraction lies between 0 and 1, not {spec.RealFractions[i]}.");
            }
        }

        Duplicates(errors, "realFractions", spec.RealFractions);
        if (spec.RealFractions.Any(f => f < 1.0) && spec.SyntheticSources.Count == 0)
        {
            Error("syntheticSources", "A real fraction below 1 needs at least one synthetic source.");
        }

        var localIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < spec.Generators.Count; i++)
        {
            var generator = spec.Generators[i];
            var path = $"generators[{i}]";
            if (!IdPattern().IsMatch(generator.Id))
            {
                Error($"{path}.id", $"'{generator.Id}' is not a valid generator id: 1–40 letters, digits, '-' or '_'.");
            }
            else if (generator.Id.Equals(ExperimentGrid.RealCondition, StringComparison.OrdinalIgnoreCase) || !localIds.Add(generator.Id))
            {
                Error($"{path}.id", $"The generator id '{generator.Id}' is reserved or used twice.");
            }

            Range(errors, $"{path}.trainSize", generator.TrainSize, 16, 10_000_000);
            Range(errors, $"{path}.beamSize", generator.BeamSize, 1, 64);
            if (!generator.TrainOn.Equals(ExperimentGrid.RealCondition, StringComparison.OrdinalIgnoreCase) && !localIds.Contains(generator.TrainOn))
            {
                Error($"{path}.trainOn", $"'{generator.TrainOn}' is neither \"real\" nor an earlier generator of this spec.");
            }
            else if (generator.TrainOn.Equals(generator.Id, StringComparison.OrdinalIgnoreCase))
            {
                Error($"{path}.trainOn", "A generator cannot learn from its own output.");
            }

            Section(errors, $"{path}.", new RunConfig { Model = generator.Model, Training = generator.Training });
        }

        for (var i = 0; i < spec.SyntheticSources.Count; i++)
        {
            var source = spec.SyntheticSources[i];
            var path = $"syntheticSources[{i}]";
            if (source.Generators.Count == 0)
            {
                Error($"{path}.generators", "Name at least one generator.");
            }

            for (var k = 0; k < source.Generators.Count; k++)
            {
                var share = source.Generators[k];
                if (string.IsNullOrWhiteSpace(share.GeneratorId))
                {
                    Error($"{path}.generators[{k}].generatorId", "Name a generator.");
                }
                else if (!localIds.Contains(share.GeneratorId) && !share.GeneratorId.Contains('/', StringComparison.Ordinal))
                {
                    Error($"{path}.generators[{k}].generatorId", $"'{share.GeneratorId}' is not a generator of this spec, and not a dataset id such as wmt22/GPT-4.");
                }
                else if (ImportedSystemCatalog.Find(share.GeneratorId) is { } system && !system.CorpusId.Equals(spec.CorpusId, StringComparison.OrdinalIgnoreCase))
                {
                    Error($"{path}.generators[{k}].generatorId", $"'{share.GeneratorId}' translated corpus '{system.CorpusId}', not '{spec.CorpusId}'; its targets have no sources in this pool.");
                }

                if (!(share.Weight > 0) || double.IsInfinity(share.Weight))
                {
                    Error($"{path}.generators[{k}].weight", $"Weights must be positive and finite, not {share.Weight}.");
                }
            }

            Duplicates(errors, $"{path}.generators", [.. source.Generators.Select(g => g.GeneratorId.ToLowerInvariant())]);
        }

        Duplicates(errors, "syntheticSources", [.. spec.SyntheticSources.Select(s => s.Label)]);
        ValidateStrategies(spec, errors);

        if (spec.Seeds.Count == 0)
        {
            Error("seeds", "List at least one seed.");
        }

        Duplicates(errors, "seeds", spec.Seeds);
        if (spec.DataSeed is not null && spec.InitSeed is not null)
        {
            Error("initSeed", "Fix the data seed or the initialisation seed, not both: with both fixed every seed would train the same run.");
        }

        if (!Enum.IsDefined(spec.Failures))
        {
            Error("failures", $"Unknown policy for failed generations ({(int)spec.Failures}); use drop-everywhere, keep-as-empty or replace-with-next-source.");
        }

        // Every design samples its training sets from a pool this many times the largest size (see MitigationSettings).
        if (!(spec.Mitigation.PoolFactor is >= 1.0 and <= 20.0))
        {
            Error("mitigation.poolFactor", $"The candidate pool is 1 to 20 times the largest size, not {spec.Mitigation.PoolFactor}.");
        }

        Section(errors, "", new RunConfig { Model = spec.Model, Training = spec.Training, TestDecoding = spec.TestDecoding });
        ValidateBudget(spec, errors);
        ValidateReferences(spec, errors);
        ValidatePretrain(spec, errors);
        ValidateHosted(spec, errors);

        var strategiesPerSource = spec.SyntheticSources.Count == 0 ? 1 : spec.SyntheticSources.Sum(source =>
            spec.Strategies.Count == 0 ? 1 : spec.Strategies.Count(s => s.Sources.Count == 0 || s.Sources.Contains(source.Label, StringComparer.OrdinalIgnoreCase)));
        var conditions = spec.RealFractions.Count(f => f < 1.0) * strategiesPerSource + (spec.RealFractions.Any(f => f >= 1.0) ? 1 : 0);
        var runs = (long)conditions * spec.Sizes.Count * spec.Seeds.Count;
        if (runs > MaxRuns)
        {
            Error("", $"The grid has {runs:N0} runs (sizes × conditions × seeds); more than {MaxRuns:N0} is refused.");
        }

        return errors;
    }

    /// <summary>
    /// Null sections, lists and list entries. JSON nulls for non-nullable properties are refused by
    /// <see cref="ExperimentSpecJson"/>, but list entries (<c>"syntheticSources": [null]</c>) and specs built in code
    /// can still carry them.
    /// </summary>
    private static List<RunConfigError> MissingParts(ExperimentSpec spec)
    {
        var errors = new List<RunConfigError>();
        void Null(string field) => errors.Add(new(field, "Must not be null."));
        void Entries<T>(string field, IReadOnlyList<T>? list, Action<string, T>? inner = null)
            where T : class
        {
            if (list is null)
            {
                Null(field);
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    Null($"{field}[{i}]");
                }
                else
                {
                    inner?.Invoke($"{field}[{i}]", list[i]);
                }
            }
        }

        if (spec.Sizes is null)
        {
            Null("sizes");
        }

        if (spec.Pretrain is { Training: null })
        {
            Null("pretrain.training");
        }

        if (spec.RealFractions is null)
        {
            Null("realFractions");
        }

        if (spec.Seeds is null)
        {
            Null("seeds");
        }

        Entries("strategies", spec.Strategies, (path, strategy) => Entries($"{path}.sources", strategy.Sources));
        if (spec.Mitigation is null)
        {
            Null("mitigation");
        }
        else
        {
            if (spec.Mitigation.ScorerModel is null)
            {
                Null("mitigation.scorerModel");
            }

            if (spec.Mitigation.ScorerTraining is null)
            {
                Null("mitigation.scorerTraining");
            }
        }

        Entries("syntheticSources", spec.SyntheticSources, (path, source) => Entries($"{path}.generators", source.Generators));
        Entries("generators", spec.Generators, (path, generator) =>
        {
            if (generator.Model is null)
            {
                Null($"{path}.model");
            }

            if (generator.Training is null)
            {
                Null($"{path}.training");
            }
        });
        if (spec.Model is null)
        {
            Null("model");
        }

        if (spec.Training is null)
        {
            Null("training");
        }

        if (spec.TestDecoding is null)
        {
            Null("testDecoding");
        }

        return errors;
    }

    public static void ThrowIfInvalid(ExperimentSpec spec, string? source = null)
    {
        var errors = Validate(spec);
        if (errors.Count > 0)
        {
            throw new ExperimentSpecException(errors, source);
        }
    }

    /// <summary>Model and training sections are checked by the run validator, with paths rewritten to the spec's JSON names.</summary>
    private static void Section(List<RunConfigError> errors, string prefix, RunConfig sample)
    {
        foreach (var error in RunConfigValidator.Validate(sample).Where(e => e.Field.StartsWith("Model.", StringComparison.Ordinal) || e.Field.StartsWith("Training.", StringComparison.Ordinal) || e.Field.StartsWith("TestDecoding.", StringComparison.Ordinal)))
        {
            errors.Add(error with { Field = prefix + string.Join('.', error.Field.Split('.').Select(p => char.ToLowerInvariant(p[0]) + p[1..])) });
        }
    }

    private static void Range(List<RunConfigError> errors, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(new(field, $"Must lie between {min:N0} and {max:N0}, not {value:N0}."));
        }
    }

    private static void Duplicates<T>(List<RunConfigError> errors, string field, IReadOnlyList<T> values)
    {
        var repeated = values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            errors.Add(new(field, $"Each value may appear once; repeated: {string.Join(", ", repeated)}."));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex IdPattern();
}
