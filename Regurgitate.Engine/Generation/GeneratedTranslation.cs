namespace Regurgitate.Engine.Generation;

/// <summary>
/// One generated target. Exactly one of <see cref="Text"/> and <see cref="Failure"/> is set.
/// <see cref="Sample"/> numbers the samples of one source (0 unless a generator draws several).
/// </summary>
public sealed record GeneratedTranslation(int SourceIndex, int Sample, string? Text, string? Failure, TranslationProvenance Provenance)
{
    public bool Succeeded => Text is not null;
}
