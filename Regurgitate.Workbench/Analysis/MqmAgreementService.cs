using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Data;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Workbench.Analysis;

/// <summary>Agreement of one analysed set with the human MQM annotations of the same-named system; <see cref="Agreement"/> is null when no system matched.</summary>
public sealed record MqmSetAgreement(string SetId, string SetName, string? System, int AnnotatedSegments, int MatchedSegments, MqmAgreementResult? Agreement);

/// <summary>The agreement of every analysed set with an MQM annotation file.</summary>
public sealed record MqmAgreementReport(string RelativePath, int Annotations, IReadOnlyList<string> Systems, IReadOnlyList<MqmSetAgreement> Sets);

/// <summary>The MQM file could not be used; the message says why.</summary>
public sealed class MqmImportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Imports a WMT/Google MQM annotation file from the data directory and measures its agreement with the automatic
/// signals of a <see cref="DatasetAnalysis"/>. A set matches the MQM system named like its generator (the part of the
/// set id after '/', case-insensitive); segments match by German source text (MQM <c>&lt;v&gt;…&lt;/v&gt;</c> markers
/// removed, trimmed) against the analysed sources, and only sampled pairs are scored.
/// </summary>
public sealed class MqmAgreementService(CorpusCatalog catalog)
{
    /// <exception cref="MqmImportException">The path is outside the data directory, missing, or the file is malformed.</exception>
    public async Task<MqmAgreementReport> MeasureAsync(DatasetAnalysis analysis, string relativePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            throw new MqmImportException("Give the path of an MQM annotation file inside the data directory.");
        }

        relativePath = relativePath.Trim();
        var full = SafeNames.InsideRoot(catalog.DataDirectory, relativePath)
            ?? throw new MqmImportException($"'{relativePath}' is not inside the data directory '{catalog.DataDirectory}'; only files there can be read.");
        if (!File.Exists(full))
        {
            throw new MqmImportException($"'{relativePath}' does not exist in the data directory '{catalog.DataDirectory}'.");
        }

        IReadOnlyList<MqmAnnotation> annotations;
        try
        {
            annotations = await MqmAnnotationReader.ReadAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (CorpusFormatException e)
        {
            throw new MqmImportException($"'{relativePath}' is not a valid MQM annotation file: {e.Message}", e);
        }

        var scores = MqmScores.Compute(annotations);
        var systems = scores.Select(s => s.System).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();

        // Source text of each MQM segment (the same for every system and rater).
        var sourceOf = new Dictionary<int, string>();
        foreach (var a in annotations)
        {
            sourceOf.TryAdd(a.SegmentId, SourceKey.Of(StripMarkers(a.Source)));
        }

        // Analysed input index of each source, then its position in the sample (the analysis pair index).
        var inputOf = new Dictionary<string, int>(SourceKey.Comparer);
        for (var i = 0; i < analysis.Sources.Count; i++)
        {
            inputOf.TryAdd(SourceKey.Of(analysis.Sources[i]), i);
        }

        var sample = analysis.Report.SampleIndices ?? Enumerable.Range(0, analysis.Sources.Count).ToArray();
        var pairOfInput = new Dictionary<int, int>();
        for (var p = 0; p < sample.Count; p++)
        {
            pairOfInput.TryAdd(sample[p], p);
        }

        int? PairIndexOf(int segment) =>
            sourceOf.TryGetValue(segment, out var key) && inputOf.TryGetValue(key, out var input) && pairOfInput.TryGetValue(input, out var pair)
                ? pair
                : null;

        var sets = new List<MqmSetAgreement>();
        for (var k = 0; k < analysis.SetIds.Count; k++)
        {
            var setId = analysis.SetIds[k];
            var generator = setId[(setId.IndexOf('/', StringComparison.Ordinal) + 1)..];
            var system = systems.FirstOrDefault(s => string.Equals(s, generator, StringComparison.OrdinalIgnoreCase));
            var errors = analysis.Report.Sides[k + 1].Errors;
            if (system is null || errors is null)
            {
                sets.Add(new MqmSetAgreement(setId, analysis.SetNames[k], system, 0, 0, null));
                continue;
            }

            var segments = scores.Where(s => string.Equals(s.System, system, StringComparison.OrdinalIgnoreCase)).ToArray();
            var result = MqmAgreement.Compute(segments, errors, pairIndexOf: PairIndexOf);
            sets.Add(new MqmSetAgreement(setId, analysis.SetNames[k], system, segments.Length, result.Segments, result));
        }

        return new MqmAgreementReport(relativePath.Replace('\\', '/'), annotations.Count, systems, sets);
    }

    /// <summary>The text without the MQM error-span markers <c>&lt;v&gt;</c> and <c>&lt;/v&gt;</c>.</summary>
    public static string StripMarkers(string text) =>
        text.Replace("<v>", string.Empty, StringComparison.Ordinal).Replace("</v>", string.Empty, StringComparison.Ordinal);
}
