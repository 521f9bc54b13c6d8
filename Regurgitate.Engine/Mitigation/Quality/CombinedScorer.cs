using Regurgitate.Engine.Progress;

namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// A weighted combination of other scorers. Each component's scores are z-normalised over the pairs it could score
/// (mean 0, population standard deviation 1; a component whose scores are all equal contributes 0), because the
/// scorers live on unrelated scales (chrF 0–100, log-probabilities ≤ 0, signal penalties). A pair's score is the
/// weighted mean of the z-scores of the components that scored it, the weights renormalised over those components;
/// null only when no component scored it. Z-scores depend on the whole list scored together, so combined scores
/// compare within one call only. Oracle components (which need human references) are refused unless explicitly
/// allowed, so a reference can not leak into the ordering of training data by accident.
/// </summary>
public sealed class CombinedScorer : IQualityScorer
{
    /// <param name="components">The scorers and their positive, finite weights.</param>
    /// <param name="allowOracle">Accept oracle components (analysis only); the combination is then an oracle too.</param>
    public CombinedScorer(IReadOnlyList<(IQualityScorer Scorer, double Weight)> components, bool allowOracle = false)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
        {
            throw new ArgumentException("A combination needs at least one component.", nameof(components));
        }

        for (var i = 0; i < components.Count; i++)
        {
            var (scorer, weight) = components[i];
            if (scorer is null)
            {
                throw new ArgumentException($"Component {i} has no scorer.", nameof(components));
            }

            ValidateWeight(weight, $"{scorer.Name}", nameof(components));
            if (scorer.IsOracle && !allowOracle)
            {
                throw new ArgumentException($"'{scorer.Name}' needs human references (an oracle); pass allowOracle: true to combine it for analysis.", nameof(components));
            }
        }

        Components = [.. components];
    }

    public IReadOnlyList<(IQualityScorer Scorer, double Weight)> Components { get; }

    public string Name => QualityScorerNames.Combined;

    /// <summary>True when any component is an oracle.</summary>
    public bool IsOracle => Components.Any(c => c.Scorer.IsOracle);

    public async Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scores = new List<IReadOnlyList<double?>>(Components.Count);
        for (var i = 0; i < Components.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stage = ScaledProgress.Of(progress, (double)i / Components.Count, 1.0 / Components.Count);
            var component = await Components[i].Scorer.ScoreAsync(inputs, stage, cancellationToken).ConfigureAwait(false);
            if (component.Count != inputs.Count)
            {
                throw new InvalidOperationException($"'{Components[i].Scorer.Name}' returned {component.Count} scores for {inputs.Count} pairs.");
            }

            scores.Add(component);
        }

        var combined = Combine(scores, [.. Components.Select(c => c.Weight)]);
        progress?.Report(1.0);
        return combined;
    }

    /// <summary>
    /// Combines precomputed score vectors (one per component, all of the pairs' length) without rescoring:
    /// z-normalisation per component, then the weighted mean over the components present for each pair.
    /// Non-finite values count as missing.
    /// </summary>
    public static IReadOnlyList<double?> Combine(IReadOnlyList<IReadOnlyList<double?>> components, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(weights);
        if (components.Count == 0)
        {
            throw new ArgumentException("A combination needs at least one component.", nameof(components));
        }

        if (weights.Count != components.Count)
        {
            throw new ArgumentException($"{components.Count} components but {weights.Count} weights.", nameof(weights));
        }

        for (var c = 0; c < weights.Count; c++)
        {
            ValidateWeight(weights[c], $"component {c}", nameof(weights));
        }

        var length = components[0]?.Count ?? throw new ArgumentException("Component 0 is null.", nameof(components));
        var normalised = new IReadOnlyList<double?>[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            var component = components[c] ?? throw new ArgumentException($"Component {c} is null.", nameof(components));
            if (component.Count != length)
            {
                throw new ArgumentException($"Component {c} has {component.Count} scores, component 0 has {length}.", nameof(components));
            }

            normalised[c] = ZScores(component);
        }

        var combined = new double?[length];
        for (var i = 0; i < length; i++)
        {
            double sum = 0, weight = 0;
            for (var c = 0; c < components.Count; c++)
            {
                if (normalised[c][i] is { } z)
                {
                    sum += weights[c] * z;
                    weight += weights[c];
                }
            }

            combined[i] = weight > 0 ? sum / weight : null;
        }

        return combined;
    }

    /// <summary>
    /// <c>(x − mean) / std</c> over the finite values (population standard deviation); 0 for every value when they
    /// are all equal; null where the value is null or not finite.
    /// </summary>
    public static IReadOnlyList<double?> ZScores(IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        var result = new double?[values.Count];
        if (present.Count == 0)
        {
            return result;
        }

        var mean = present.Average();
        var std = Math.Sqrt(present.Sum(x => (x - mean) * (x - mean)) / present.Count);

        // Equal values can leave a rounding-sized std (their mean need not equal them exactly); they carry no ranking.
        var constant = present.Min() == present.Max() || std == 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } x && double.IsFinite(x))
            {
                result[i] = constant ? 0 : (x - mean) / std;
            }
        }

        return result;
    }

    private static void ValidateWeight(double weight, string what, string parameter)
    {
        if (!(weight > 0) || double.IsInfinity(weight))
        {
            throw new ArgumentException($"The weight of {what} must be positive and finite, not {weight}.", parameter);
        }
    }
}
