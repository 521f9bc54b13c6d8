using System.Diagnostics;
using System.Runtime.CompilerServices;
using Regurgitate.Engine.Decoding;

namespace Regurgitate.Engine.Generation;

/// <summary>
/// A model trained here as a generator: loads the run's latest checkpoint and translates the sources with the given
/// decoding (beam search by default), in chunks so that progress and cancellation stay responsive. An empty output is
/// a failed translation, never an empty target.
/// </summary>
public sealed class LocalModelGenerator : ITranslationGenerator
{
    private const int ChunkSize = 256;

    private readonly string runDirectory;
    private readonly DecodingConfig decoding;
    private readonly string device;

    public LocalModelGenerator(GeneratorDescriptor descriptor, string runDirectory, DecodingConfig decoding, string device = "auto")
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        ArgumentNullException.ThrowIfNull(decoding);
        Descriptor = descriptor;
        this.runDirectory = runDirectory;
        this.decoding = decoding;
        this.device = device;
    }

    public GeneratorDescriptor Descriptor { get; }

    public async IAsyncEnumerable<GeneratedTranslation> GenerateAsync(
        IReadOnlyList<SourceSegment> sources,
        IProgress<GenerationProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        using var model = await Task.Run(() => TrainedModel.FromRunDirectory(runDirectory, device), cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var failed = 0;
        for (var start = 0; start < sources.Count; start += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = sources.Skip(start).Take(ChunkSize).ToList();
            var outputs = await Task.Run(() => model.Translate([.. chunk.Select(s => s.Text)], decoding, null, cancellationToken), cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            for (var k = 0; k < chunk.Count; k++)
            {
                var provenance = new TranslationProvenance(Descriptor.Id, null, now);
                if (string.IsNullOrWhiteSpace(outputs[k]))
                {
                    failed++;
                    yield return new GeneratedTranslation(chunk[k].Index, 0, null, "the model produced an empty translation", provenance);
                }
                else
                {
                    yield return new GeneratedTranslation(chunk[k].Index, 0, outputs[k], null, provenance);
                }
            }

            var done = start + chunk.Count;
            var remaining = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (sources.Count - done));
            progress?.Report(new GenerationProgress(done, sources.Count, failed, 0m, remaining));
        }
    }
}
