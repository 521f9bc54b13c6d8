namespace Regurgitate.Engine.Generation;

/// <summary>
/// Something that produces English targets for German sources: imported outputs of an external system, an LLM
/// endpoint, or a locally trained model. Every result stays aligned to its source by <see cref="SourceSegment.Index"/>,
/// so a synthetic pair always has a known real counterpart (same source, human target).
/// </summary>
public interface ITranslationGenerator
{
    /// <summary>What this generator is and how it is configured; stored with every dataset it produces.</summary>
    GeneratorDescriptor Descriptor { get; }

    /// <summary>
    /// Translates the sources, yielding one result per (source, sample) in any order. A failed translation is yielded
    /// with <see cref="GeneratedTranslation.Failure"/> set and no text — never as an empty string.
    /// </summary>
    IAsyncEnumerable<GeneratedTranslation> GenerateAsync(
        IReadOnlyList<SourceSegment> sources,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken);
}
