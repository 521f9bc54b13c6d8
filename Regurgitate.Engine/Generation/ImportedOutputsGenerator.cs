using System.Runtime.CompilerServices;
using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Generation;

/// <summary>
/// The outputs of an external MT or LLM system as a generator: line <c>i</c> of <see cref="OutputFile"/> translates
/// line <c>i</c> of <see cref="SourceFile"/>. A requested segment is matched by its index and must carry the same
/// German text as that line (otherwise it is reported as a failure, never silently misaligned). An empty output line
/// is a failed translation, as the published system outputs use it (e.g. GPT-4 returning nothing).
/// </summary>
public sealed class ImportedOutputsGenerator : ITranslationGenerator
{
    public ImportedOutputsGenerator(GeneratorDescriptor descriptor, string sourceFile, string outputFile)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFile);
        Descriptor = descriptor;
        SourceFile = sourceFile;
        OutputFile = outputFile;
    }

    public GeneratorDescriptor Descriptor { get; }
    public string SourceFile { get; }
    public string OutputFile { get; }

    /// <exception cref="CorpusFormatException">The files differ in line count or are not valid UTF-8 (names file and line).</exception>
    public async IAsyncEnumerable<GeneratedTranslation> GenerateAsync(
        IReadOnlyList<SourceSegment> sources,
        IProgress<GenerationProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var lines = await ReadAlignedAsync(cancellationToken).ConfigureAwait(false);
        var importedAt = File.GetLastWriteTimeUtc(OutputFile);
        var provenance = new TranslationProvenance(Descriptor.Id, null, new DateTimeOffset(importedAt, TimeSpan.Zero));
        var failed = 0;
        for (var k = 0; k < sources.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segment = sources[k];
            GeneratedTranslation result;
            if (segment.Index < 0 || segment.Index >= lines.Count)
            {
                result = new GeneratedTranslation(segment.Index, 0, null, $"line {segment.Index + 1} is beyond the {lines.Count} lines of '{OutputFile}'", provenance);
            }
            else if (!SourceKey.Comparer.Equals(SourceKey.Of(lines[segment.Index].Source), SourceKey.Of(segment.Text)))
            {
                result = new GeneratedTranslation(segment.Index, 0, null, $"line {segment.Index + 1} of '{SourceFile}' is not the requested source", provenance);
            }
            else if (string.IsNullOrWhiteSpace(lines[segment.Index].Target))
            {
                result = new GeneratedTranslation(segment.Index, 0, null, $"empty output on line {segment.Index + 1} of '{OutputFile}'", provenance);
            }
            else
            {
                result = new GeneratedTranslation(segment.Index, 0, lines[segment.Index].Target, null, provenance);
            }

            failed += result.Succeeded ? 0 : 1;
            yield return result;
        }

        progress?.Report(new GenerationProgress(sources.Count, sources.Count, failed, 0m, TimeSpan.Zero));
    }

    /// <summary>Every line of both files, aligned; empty lines are kept so that positions are preserved.</summary>
    public async Task<IReadOnlyList<SentencePair>> ReadAlignedAsync(CancellationToken cancellationToken)
    {
        var options = new CorpusReadOptions { EmptyLines = LinePolicy.Keep, LengthRatioOutliers = LinePolicy.Keep };
        var lines = new List<SentencePair>();
        await foreach (var pair in ParallelCorpusReader.ReadPairsAsync(SourceFile, OutputFile, options, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            lines.Add(pair);
        }

        return lines;
    }
}
