namespace Regurgitate.Engine.Generation;

/// <summary>Runs a generator over source segments and collects its results into a <see cref="SyntheticTargetSet"/>.</summary>
public static class SyntheticSetBuilder
{
    public static async Task<SyntheticTargetSet> BuildAsync(
        ITranslationGenerator generator,
        IReadOnlyList<SourceSegment> sources,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sources);
        var positions = new Dictionary<int, int>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            if (!positions.TryAdd(sources[i].Index, i))
            {
                throw new ArgumentException($"Source index {sources[i].Index} occurs twice.", nameof(sources));
            }
        }

        var collected = new List<(int Position, SyntheticTarget Target)>(sources.Count);
        await foreach (var result in generator.GenerateAsync(sources, progress, cancellationToken).ConfigureAwait(false))
        {
            if (!positions.TryGetValue(result.SourceIndex, out var position))
            {
                throw new InvalidOperationException($"Generator '{generator.Descriptor.Id}' returned a result for source {result.SourceIndex}, which was not requested.");
            }

            collected.Add((position, new SyntheticTarget(sources[position].Text, result.Sample, result.Text, result.Failure, result.Provenance)));
        }

        // Generators may finish out of order (concurrent requests); stored sets are in source order for readable diffs.
        return new SyntheticTargetSet(
            generator.Descriptor,
            [.. collected.OrderBy(c => c.Position).ThenBy(c => c.Target.Sample).Select(c => c.Target)]);
    }
}
