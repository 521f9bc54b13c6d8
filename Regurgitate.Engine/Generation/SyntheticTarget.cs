namespace Regurgitate.Engine.Generation;

/// <summary>A generated English target for one German <see cref="Source"/>; a failed one has no text and a reason.</summary>
public sealed record SyntheticTarget(string Source, int Sample, string? Text, string? Failure, TranslationProvenance Provenance)
{
    public bool Succeeded => Text is not null;
}
