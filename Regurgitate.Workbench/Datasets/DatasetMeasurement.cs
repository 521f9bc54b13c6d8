using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// Measures one dataset's files for <see cref="DatasetCatalogScanner"/>: SHA-256 over their bytes in order, and pair and
/// failure counts from the engine's validating readers. A missing or malformed file becomes the dataset's stated
/// problem instead of an exception, so one bad dataset never fails a scan.
/// </summary>
internal static class DatasetMeasurement
{
    private const int BufferSize = 1 << 16;

    private static readonly CorpusReadOptions KeepEverything = new() { EmptyLines = LinePolicy.Keep, LengthRatioOutliers = LinePolicy.Keep };

    /// <returns>The facts, and whether the files had to be read (false: from the cache, or missing).</returns>
    public static async Task<(DatasetFacts Facts, bool Read)> MeasureAsync(DatasetCandidate candidate, ConcurrentDictionary<string, DatasetFacts> cache, CancellationToken cancellationToken)
    {
        var paths = candidate.Files.Select(f => Path.GetFullPath(f, candidate.Root)).ToList();
        var infos = paths.Select(p => new FileInfo(p)).ToList();
        var missing = candidate.Files.Where((_, i) => !infos[i].Exists).ToList();
        var signature = string.Join('\n', candidate.Files.Select((f, i) => infos[i].Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{f}|{infos[i].Length}|{infos[i].LastWriteTimeUtc.Ticks}")
            : $"{f}|missing"));
        if (missing.Count > 0)
        {
            var problem = $"Missing {(missing.Count == 1 ? "file" : $"{missing.Count} files")} in '{candidate.Root}': {string.Join(", ", missing)}";
            return (new DatasetFacts { Signature = signature, Bytes = infos.Where(i => i.Exists).Sum(i => i.Length), Problem = problem }, false);
        }

        if (cache.TryGetValue(candidate.Id, out var cached) && cached.Signature == signature)
        {
            return (cached, false);
        }

        var facts = new DatasetFacts { Signature = signature, Bytes = infos.Sum(i => i.Length) };
        try
        {
            facts = facts with { Sha256 = await HashAsync(paths, cancellationToken).ConfigureAwait(false) };
            facts = candidate.Layout switch
            {
                CandidateLayout.TargetSet => await ReadTargetSetAsync(paths[0], facts, cancellationToken).ConfigureAwait(false),
                _ => await ReadPairsAsync(paths, candidate.Layout == CandidateLayout.SystemOutput, facts, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is CorpusFormatException or IOException or UnauthorizedAccessException)
        {
            facts = facts with { Problem = e.Message };
        }

        cache[candidate.Id] = facts;
        return (facts, true);
    }

    private static async Task<string> HashAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        foreach (var path in paths)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task<DatasetFacts> ReadPairsAsync(IReadOnlyList<string> paths, bool emptyTargetIsFailure, DatasetFacts facts, CancellationToken cancellationToken)
    {
        int pairs = 0, failed = 0;
        for (var i = 0; i + 1 < paths.Count; i += 2)
        {
            await foreach (var pair in ParallelCorpusReader.ReadPairsAsync(paths[i], paths[i + 1], KeepEverything, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                pairs++;
                if (emptyTargetIsFailure && string.IsNullOrWhiteSpace(pair.Target))
                {
                    failed++;
                }
            }
        }

        return facts with { Pairs = pairs, Failed = failed };
    }

    private static async Task<DatasetFacts> ReadTargetSetAsync(string path, DatasetFacts facts, CancellationToken cancellationToken)
    {
        var set = await SyntheticTargetStore.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return facts with
        {
            Pairs = set.Targets.Count,
            Failed = set.FailedCount,
            Name = set.Generator.Name,
            GeneratorJson = JsonSerializer.Serialize(set.Generator, DatasetCatalogScanner.Json),
            CorpusId = CorpusOf(set.Generator),
        };
    }

    /// <summary>The real corpus a generated set translates: a "corpus" setting, or the corpus named in a local set's id (<c>local/&lt;corpus&gt;-&lt;hash&gt;/…</c>).</summary>
    private static string? CorpusOf(GeneratorDescriptor generator)
    {
        foreach (var key in new[] { "corpus", "corpusId" })
        {
            if (generator.Settings.TryGetValue(key, out var value) && CorpusCatalog.Find(value) is not null)
            {
                return value;
            }
        }

        var parts = generator.Id.Split('/');
        if (parts.Length >= 2 && parts[0] == "local")
        {
            var dash = parts[1].LastIndexOf('-');
            var corpus = dash > 0 ? parts[1][..dash] : parts[1];
            return CorpusCatalog.Find(corpus)?.Id;
        }

        return null;
    }
}
