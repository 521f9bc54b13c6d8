using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// One synthetic data condition: a single generator, or several with weights (the study's multi-generator mix).
/// Generator ids are published outputs (<c>wmt22/GPT-4</c>), stored datasets, or the <see cref="LocalGeneratorSpec.Id"/>
/// of a generator in the same spec.
/// </summary>
public sealed record SyntheticSourceSpec
{
    /// <summary>Label in charts and tables; defaults to the generator names joined with '+'.</summary>
    public string? Name { get; init; }
    public IReadOnlyList<SyntheticShare> Generators { get; init; } = [];

    public string Label => Name ?? string.Join("+", Generators.Select(g => g.GeneratorId));
}
