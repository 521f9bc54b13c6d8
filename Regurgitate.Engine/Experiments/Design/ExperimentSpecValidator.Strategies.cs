namespace Regurgitate.Engine.Experiments.Design;

public static partial class ExperimentSpecValidator
{
    private static void ValidateStrategies(ExperimentSpec spec, List<RunConfigError> errors)
    {
        void Error(string field, string message) => errors.Add(new(field, message));
        var labels = spec.SyntheticSources.Select(s => s.Label).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < spec.Strategies.Count; i++)
        {
            var strategy = spec.Strategies[i];
            var path = $"strategies[{i}]";
            if (!IdPattern().IsMatch(strategy.Name))
            {
                Error($"{path}.name", $"'{strategy.Name}' is not a valid strategy name: 1–40 letters, digits, '-' or '_'.");
            }

            if (!(strategy.DropBottom is >= 0.0 and <= 0.95))
            {
                Error($"{path}.dropBottom", $"Drop between 0 and 0.95 of the ranking, not {strategy.DropBottom}.");
            }
            else if (strategy.DropBottom > 0 && strategy.Order == StrategyOrder.Random)
            {
                Error($"{path}.dropBottom", "A random order has no bottom to drop; use a quality or detector order.");
            }

            if (strategy.Weights is { } weights)
            {
                if (strategy.Order != StrategyOrder.Quality)
                {
                    Error($"{path}.weights", "Weights apply to the quality order only.");
                }

                foreach (var (name, weight) in weights)
                {
                    if (!StrategySpec.ScorerNames.Contains(name, StringComparer.Ordinal))
                    {
                        Error($"{path}.weights.{name}", $"Unknown scorer '{name}'. Known: {string.Join(", ", StrategySpec.ScorerNames)} (the reference-based oracle is for analysis only).");
                    }
                    else if (!(weight >= 0) || double.IsInfinity(weight))
                    {
                        Error($"{path}.weights.{name}", $"Weights must be non-negative and finite, not {weight}.");
                    }
                }

                if (!weights.Values.Any(w => w > 0))
                {
                    Error($"{path}.weights", "Give at least one scorer a positive weight.");
                }
            }

            for (var k = 0; k < strategy.Sources.Count; k++)
            {
                if (!labels.Contains(strategy.Sources[k]))
                {
                    Error($"{path}.sources[{k}]", $"'{strategy.Sources[k]}' is not the label of a synthetic source of this spec.");
                }
            }
        }

        Duplicates(errors, "strategies", [.. spec.Strategies.Select(s => s.Name.ToLowerInvariant())]);
        if (spec.Strategies.Count > 0 && !spec.RealFractions.Any(f => f < 1.0))
        {
            Error("strategies", "Strategies order synthetic pairs; add a real fraction below 1.");
        }

        if (spec.Strategies.Any(s => s.Order != StrategyOrder.Random))
        {
            var mitigation = spec.Mitigation;
            Range(errors, "mitigation.heldOutSources", mitigation.HeldOutSources, 32, 1_000_000);

            if (!(mitigation.DetectorTestFraction is >= 0.05 and <= 0.5))
            {
                Error("mitigation.detectorTestFraction", $"Evaluate the detector on 5–50 % of the held-out sources, not {mitigation.DetectorTestFraction:P0}.");
            }

            var scorer = new List<RunConfigError>();
            Section(scorer, "", new RunConfig { Model = mitigation.ScorerModel, Training = mitigation.ScorerTraining });
            errors.AddRange(scorer.Select(e => e with
            {
                Field = "mitigation." + (e.Field.StartsWith("model.", StringComparison.Ordinal) ? "scorerModel." + e.Field["model.".Length..] : "scorerTraining." + e.Field["training.".Length..]),
            }));
        }
    }
}
