namespace Regurgitate.Engine.Generation;

/// <summary>
/// Identity and full configuration of a generator. <see cref="Settings"/> holds every parameter that influences the
/// output (model, prompt template, temperature, checkpoint…) but never a secret.
/// </summary>
public sealed record GeneratorDescriptor
{
    /// <summary>Stable id, unique in the catalog (e.g. <c>wmt22/GPT-4</c>, <c>llm/gpt-4o-mini-t0</c>).</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required GeneratorKind Kind { get; init; }

    /// <summary>Model family (e.g. <c>gpt</c>, <c>llama</c>), used to warn when a judge shares it with a generator.</summary>
    public string? Family { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
