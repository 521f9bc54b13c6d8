using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// The model-collapse curve of an iterated-generations design: test BLEU against generation, one line per
/// <see cref="GenerationPolicy"/>. Generation 0 is the real-data condition and generation 1 the generator trained on
/// real pairs; both are where every policy starts, so they belong to each line. A later generation belongs to its own
/// generator's policy. Generations come from the generators' <c>trainOn</c> chains (<see cref="GenerationPlanner"/>)
/// and conditions from the expanded grid, so condition names are never parsed.
/// </summary>
public static class GenerationCurve
{
    /// <summary>
    /// The points by size, then policy (replace first), then generation; empty when the design chains no generators
    /// (<see cref="GenerationPlanner.IsIterated"/>) or the spec is invalid. Only conditions trained entirely on one local
    /// generator's data (real fraction 0, plain random sample) are generations; mixtures and strategies are other
    /// questions. Sizes a condition has no completed seed for are left out, as in <see cref="LearningCurve"/>.
    /// </summary>
    public static IReadOnlyList<GenerationCurvePoint> From(ExperimentSpec? spec, IReadOnlyList<LearningCurveSeries> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (spec is null || ExperimentSpecValidator.Validate(spec).Count > 0 || !GenerationPlanner.IsIterated(spec))
        {
            return [];
        }

        var plan = ExperimentGrid.Expand(spec);
        var generationOf = plan.Generators.ToDictionary(j => j.Spec.Id, j => (j.Generation, j.Spec.Policy), StringComparer.OrdinalIgnoreCase);
        var sources = spec.SyntheticSources.ToDictionary(s => s.Label, StringComparer.OrdinalIgnoreCase);

        // Each condition of the grid that is one generation's data: its generation, and its policy from generation 2 on.
        var conditions = new Dictionary<string, (int Generation, GenerationPolicy? Policy)>(StringComparer.Ordinal);
        foreach (var point in plan.Runs.DistinctBy(r => r.Condition))
        {
            if (point.RealFraction >= 1.0)
            {
                conditions[point.Condition] = (0, null);
            }
            else if (point.RealFraction <= 0.0 && IsPlainSample(spec, point.Strategy)
                && point.SyntheticSource is { } label && sources.TryGetValue(label, out var source)
                && source.Generators is [var only] && generationOf.TryGetValue(only.GeneratorId, out var generator))
            {
                conditions[point.Condition] = (generator.Generation, generator.Generation == 1 ? null : generator.Policy);
            }
        }

        var policies = conditions.Values.Select(c => c.Policy).OfType<GenerationPolicy>().Distinct().Order().ToList();
        return
        [
            .. from series in results
               where conditions.ContainsKey(series.Condition)
               let place = conditions[series.Condition]
               from point in series.Points
               from policy in place.Policy is { } own ? [own] : policies
               orderby point.Size, policy, place.Generation, series.Condition
               select new GenerationCurvePoint(policy, point.Size, place.Generation, series.Condition, point.Mean, point.StandardDeviation, point.Seeds),
        ];
    }

    // A spec without strategies samples at random (the default strategy); a named one must be that plain sample too.
    private static bool IsPlainSample(ExperimentSpec spec, string? strategy) =>
        (spec.Strategies.FirstOrDefault(s => s.Name.Equals(strategy, StringComparison.OrdinalIgnoreCase)) ?? new StrategySpec()).IsPlainRandom;
}
