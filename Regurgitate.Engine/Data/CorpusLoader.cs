using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regurgitate.Engine.Data;

/// <summary>
/// Turns a catalog corpus into the train/dev/test pairs of one run, reproducibly from a seed.
/// <list type="bullet">
/// <item>Predefined splits (multi30k, newstest): each official split is sampled on its own, with its own random stream,
/// so the test sample depends only on seed and test size, never on the train size.</item>
/// <item>A pool (tatoeba, wmt21, wmt22): shuffled once; test is cut first, then dev, then train from the rest; a pool
/// with document ids (wmt22) is shuffled and cut by whole documents (see <see cref="PoolSplitter"/>).</item>
/// <item>Leakage guard: dev drops pairs whose German source is a test source; train drops pairs whose source is a
/// dev or test source; corpora that deduplicate targets (tatoeba) do the same with English targets. Sentences are
/// compared ordinally after trimming. Dropped pairs are counted in the report.</item>
/// <item>A second human reference (WMT's reference B) is read with the test pairs when the corpus has one.</item>
/// <item>Sizes are upper bounds. Asking for more than is available clamps to what is available and adds a note, since
/// "all of it" is the natural reading for official dev/test sets and for train. A pool must leave at least one
/// pair for training after test and dev, otherwise the request is an error.</item>
/// <item>Official dev/test sets are read with length-ratio outliers kept (counted only), so that scores stay
/// comparable with published ones; training data drops them.</item>
/// </list>
/// </summary>
public sealed class CorpusLoader
{
    private const ulong TestStream = 1;
    private const ulong DevStream = 2;
    private const ulong TrainStream = 3;

    private readonly CorpusCatalog catalog;
    private readonly ILogger logger;

    public CorpusLoader(CorpusCatalog catalog, ILogger<CorpusLoader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        this.catalog = catalog;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public Task<DataSplits> LoadSplitsAsync(string corpusId, int trainSize, int devSize, int testSize, int seed, CancellationToken cancellationToken) =>
        LoadSplitsAsync(new SplitRequest(corpusId, trainSize, devSize, testSize, seed), progress: null, cancellationToken);

    /// <exception cref="ArgumentException">Unknown corpus id, a size below 1, or a pool too small for the request.</exception>
    /// <exception cref="DirectoryNotFoundException">The data directory is missing.</exception>
    /// <exception cref="FileNotFoundException">A corpus file is missing.</exception>
    /// <exception cref="CorpusFormatException">A corpus file is malformed.</exception>
    /// <exception cref="InvalidOperationException">A split ended up empty.</exception>
    public async Task<DataSplits> LoadSplitsAsync(SplitRequest request, IProgress<CorpusReadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TrainSize, 1, nameof(request.TrainSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.DevSize, 1, nameof(request.DevSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TestSize, 1, nameof(request.TestSize));
        var corpus = CorpusCatalog.Get(request.CorpusId);

        // Resolve every file before reading any, so that a missing file is reported before seconds of work.
        foreach (var file in corpus.FilesWithCompanions)
        {
            catalog.ResolveFile(file);
        }

        var trainOptions = new CorpusReadOptions { EmptyLines = corpus.EmptyLines, LengthRatioOutliers = LinePolicy.Skip };
        var evalOptions = trainOptions with { LengthRatioOutliers = LinePolicy.Keep };
        var reads = new Dictionary<string, CorpusReadReport>(StringComparer.Ordinal);

        DataSplits splits;
        if (corpus.HasPredefinedSplits)
        {
            var test = await ReadAsync(corpus.Test, evalOptions, reads, "test", progress, cancellationToken).ConfigureAwait(false);
            var dev = await ReadAsync(corpus.Dev, evalOptions, reads, "dev", progress, cancellationToken).ConfigureAwait(false);
            var train = await ReadAsync(corpus.Train, trainOptions, reads, "train", progress, cancellationToken).ConfigureAwait(false);
            splits = SplitPredefined(request, corpus, train, dev, test, reads);
        }
        else
        {
            var pool = await ReadAsync(corpus.Pool, trainOptions, reads, "pool", progress, cancellationToken).ConfigureAwait(false);
            splits = PoolSplitter.Split(request, corpus, pool, reads);
        }

        foreach (var (name, list) in new[] { ("train", splits.Train), ("dev", splits.Dev), ("test", splits.Test) })
        {
            if (list.Count == 0)
            {
                throw new InvalidOperationException($"The {name} split of corpus '{corpus.Id}' is empty after sampling and the leakage guard; nothing to {(name == "train" ? "train" : "evaluate")} on.");
            }
        }

        // Document counts exist only where the split was made by document ids; "(null) documents" would read as a bug.
        if (splits.Report.TrainDocuments is null)
        {
            logger.LogInformation(
                "Corpus {CorpusId} (seed {Seed}, split by {SplitMethod}): train {Train}, dev {Dev}, test {Test} pairs; leakage guard dropped {TrainDropped} train and {DevDropped} dev pairs",
                corpus.Id,
                request.Seed,
                splits.Report.Method,
                splits.Train.Count,
                splits.Dev.Count,
                splits.Test.Count,
                splits.Report.TrainDroppedLeakage,
                splits.Report.DevDroppedOverlappingTest);
        }
        else
        {
            logger.LogInformation(
                "Corpus {CorpusId} (seed {Seed}, split by {SplitMethod}): train {Train}, dev {Dev}, test {Test} pairs in {TrainDocuments}/{DevDocuments}/{TestDocuments} documents; leakage guard dropped {TrainDropped} train and {DevDropped} dev pairs",
                corpus.Id,
                request.Seed,
                splits.Report.Method,
                splits.Train.Count,
                splits.Dev.Count,
                splits.Test.Count,
                splits.Report.TrainDocuments,
                splits.Report.DevDocuments,
                splits.Report.TestDocuments,
                splits.Report.TrainDroppedLeakage,
                splits.Report.DevDroppedOverlappingTest);
        }

        return splits;
    }

    private async Task<List<CorpusSegment>> ReadAsync(
        IReadOnlyList<ParallelFiles> files,
        CorpusReadOptions options,
        Dictionary<string, CorpusReadReport> reads,
        string name,
        IProgress<CorpusReadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var report = new CorpusReadReport();
        reads[name] = report;
        var segments = new List<CorpusSegment>();
        foreach (var file in files)
        {
            var source = catalog.ResolveFile(file.Source);
            var target = catalog.ResolveFile(file.Target);
            var documents = await ReadCompanionAsync(file.DocumentIds, "document id", cancellationToken).ConfigureAwait(false);
            var secondReferences = await ReadCompanionAsync(file.SecondReference, null, cancellationToken).ConfigureAwait(false);
            var linesBefore = report.LinesRead;
            await foreach (var (pair, line) in ParallelCorpusReader.ReadNumberedPairsAsync(source, target, options, report, progress, cancellationToken).ConfigureAwait(false))
            {
                segments.Add(new CorpusSegment(pair, LineOf(documents, line), LineOf(secondReferences, line)));
            }

            var lines = report.LinesRead - linesBefore;
            ThrowIfMisaligned(documents, lines, source);
            ThrowIfMisaligned(secondReferences, lines, source);
        }

        return segments;
    }

    /// <summary>A file aligned line by line with a corpus source (document ids, a second reference), or null when there is none.</summary>
    /// <param name="nonEmpty">What a line is, when an empty line is an error ("document id"); null when empty lines are allowed.</param>
    private async Task<(string Path, IReadOnlyList<string> Lines)?> ReadCompanionAsync(string? relativePath, string? nonEmpty, CancellationToken cancellationToken)
    {
        if (relativePath is null)
        {
            return null;
        }

        var path = catalog.ResolveFile(relativePath);
        var lines = await TextLines.ReadAllAsync(path, cancellationToken).ConfigureAwait(false);
        if (nonEmpty is not null)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    throw new CorpusFormatException(path, i + 1, $"the {nonEmpty} is empty");
                }
            }
        }

        return (path, lines);
    }

    private static string? LineOf((string Path, IReadOnlyList<string> Lines)? companion, long line) =>
        companion is { } file && line <= file.Lines.Count ? file.Lines[(int)(line - 1)] : null;

    private static void ThrowIfMisaligned((string Path, IReadOnlyList<string> Lines)? companion, long sourceLines, string sourcePath)
    {
        if (companion is { } file && file.Lines.Count != sourceLines)
        {
            throw new CorpusFormatException(
                file.Path, null, $"line counts differ: it has {file.Lines.Count} lines but '{sourcePath}' has {sourceLines}; it must be aligned with the source line by line");
        }
    }

    private static DataSplits SplitPredefined(
        SplitRequest request,
        CorpusDescriptor corpus,
        List<CorpusSegment> train,
        List<CorpusSegment> dev,
        List<CorpusSegment> test,
        Dictionary<string, CorpusReadReport> reads)
    {
        var notes = new List<string>();
        var guard = new EvaluationOverlapGuard(corpus.DeduplicateTargets);
        var testSplit = Sample(test, request.TestSize, new DeterministicRandom(request.Seed, TestStream), "test", notes);
        guard.AddRange(testSplit.Select(s => s.Pair));

        var devCandidates = dev.Where(s => !guard.Overlaps(s.Pair)).ToList();
        var targetDropped = dev.Count(s => guard.RepeatsOnlyTarget(s.Pair));
        var devSplit = Sample(devCandidates, request.DevSize, new DeterministicRandom(request.Seed, DevStream), "dev", notes);
        guard.AddRange(devSplit.Select(s => s.Pair));

        var trainCandidates = train.Where(s => !guard.Overlaps(s.Pair)).ToList();
        targetDropped += train.Count(s => guard.RepeatsOnlyTarget(s.Pair));
        var trainSplit = Sample(trainCandidates, request.TrainSize, new DeterministicRandom(request.Seed, TrainStream), "train", notes);

        var report = new SplitReport
        {
            Request = request,
            Method = SplitMethod.OfficialFiles,
            TrainAvailable = train.Count,
            DevAvailable = dev.Count,
            TestAvailable = test.Count,
            DevDroppedOverlappingTest = dev.Count - devCandidates.Count,
            TrainDroppedLeakage = train.Count - trainCandidates.Count,
            TargetOverlapsDropped = targetDropped,
            Reads = reads,
            Notes = notes,
        };
        return new DataSplits(Pairs(trainSplit), Pairs(devSplit), Pairs(testSplit), report)
        {
            TestSecondReferences = corpus.HasSecondReference ? [.. testSplit.Select(s => s.SecondReference!)] : null,
        };
    }

    private static List<CorpusSegment> Sample(List<CorpusSegment> candidates, int size, DeterministicRandom random, string name, List<string> notes)
    {
        if (size > candidates.Count && size != SplitRequest.All)
        {
            notes.Add($"{name}: {size} pairs requested but only {candidates.Count} available; using all {candidates.Count}.");
        }

        return [.. random.Permutation(candidates.Count).Take(size).Order().Select(i => candidates[i])];
    }

    private static List<SentencePair> Pairs(List<CorpusSegment> segments) => [.. segments.Select(s => s.Pair)];
}
