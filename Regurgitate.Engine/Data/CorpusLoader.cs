using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regurgitate.Engine.Data;

/// <summary>
/// Turns a catalog corpus into the train/dev/test pairs of one run, reproducibly from a seed.
/// <list type="bullet">
/// <item>Predefined splits (multi30k, newstest): each official split is sampled on its own, with its own random stream,
/// so the test sample depends only on seed and test size, never on the train size.</item>
/// <item>A pool (tatoeba): shuffled once; test is cut first, then dev, then train from the rest.</item>
/// <item>Leakage guard: dev drops pairs whose German source is a test source; train drops pairs whose source is a
/// dev or test source. Sources are compared ordinally after trimming. Dropped pairs are counted in the report.</item>
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
    private const ulong PoolStream = 4;

    private readonly CorpusCatalog _catalog;
    private readonly ILogger _logger;

    public CorpusLoader(CorpusCatalog catalog, ILogger<CorpusLoader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _logger = logger ?? (ILogger)NullLogger.Instance;
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
        foreach (var file in corpus.Files)
        {
            _catalog.ResolveFile(file);
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
            splits = SplitPredefined(request, train, dev, test, reads);
        }
        else
        {
            var pool = await ReadAsync(corpus.Pool, trainOptions, reads, "pool", progress, cancellationToken).ConfigureAwait(false);
            splits = SplitPool(request, pool, reads);
        }

        foreach (var (name, list) in new[] { ("train", splits.Train), ("dev", splits.Dev), ("test", splits.Test) })
        {
            if (list.Count == 0)
            {
                throw new InvalidOperationException($"The {name} split of corpus '{corpus.Id}' is empty after sampling and the leakage guard; nothing to {(name == "train" ? "train" : "evaluate")} on.");
            }
        }

        _logger.LogInformation(
            "Corpus {CorpusId} (seed {Seed}): train {Train}, dev {Dev}, test {Test}; leakage guard dropped {TrainDropped} train and {DevDropped} dev pairs",
            corpus.Id,
            request.Seed,
            splits.Train.Count,
            splits.Dev.Count,
            splits.Test.Count,
            splits.Report.TrainDroppedLeakage,
            splits.Report.DevDroppedOverlappingTest);
        return splits;
    }

    private async Task<List<SentencePair>> ReadAsync(
        IReadOnlyList<ParallelFiles> files,
        CorpusReadOptions options,
        Dictionary<string, CorpusReadReport> reads,
        string name,
        IProgress<CorpusReadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var report = new CorpusReadReport();
        reads[name] = report;
        var pairs = new List<SentencePair>();
        foreach (var file in files)
        {
            var source = _catalog.ResolveFile(file.Source);
            var target = _catalog.ResolveFile(file.Target);
            await foreach (var pair in ParallelCorpusReader.ReadPairsAsync(source, target, options, report, progress, cancellationToken).ConfigureAwait(false))
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    private static DataSplits SplitPredefined(
        SplitRequest request,
        List<SentencePair> train,
        List<SentencePair> dev,
        List<SentencePair> test,
        Dictionary<string, CorpusReadReport> reads)
    {
        var notes = new List<string>();
        var testSplit = Sample(test, request.TestSize, new DeterministicRandom(request.Seed, TestStream), "test", notes);
        var evaluationSources = SourceKeys(testSplit);

        var devCandidates = dev.Where(p => !evaluationSources.Contains(Key(p))).ToList();
        var devSplit = Sample(devCandidates, request.DevSize, new DeterministicRandom(request.Seed, DevStream), "dev", notes);
        evaluationSources.UnionWith(SourceKeys(devSplit));

        var trainCandidates = train.Where(p => !evaluationSources.Contains(Key(p))).ToList();
        var trainSplit = Sample(trainCandidates, request.TrainSize, new DeterministicRandom(request.Seed, TrainStream), "train", notes);

        var report = new SplitReport
        {
            Request = request,
            TrainAvailable = train.Count,
            DevAvailable = dev.Count,
            TestAvailable = test.Count,
            DevDroppedOverlappingTest = dev.Count - devCandidates.Count,
            TrainDroppedLeakage = train.Count - trainCandidates.Count,
            Reads = reads,
            Notes = notes,
        };
        return new DataSplits(trainSplit, devSplit, testSplit, report);
    }

    private static DataSplits SplitPool(SplitRequest request, List<SentencePair> pool, Dictionary<string, CorpusReadReport> reads)
    {
        if (request.TestSize + request.DevSize >= pool.Count)
        {
            throw new ArgumentException(
                $"Corpus '{request.CorpusId}' is one pool of {pool.Count} pairs; test {request.TestSize} + dev {request.DevSize} leave nothing for training.",
                nameof(request));
        }

        var notes = new List<string>();
        var order = new DeterministicRandom(request.Seed, PoolStream).Permutation(pool.Count);
        var position = 0;

        var test = new List<int>(request.TestSize);
        while (test.Count < request.TestSize)
        {
            test.Add(order[position++]);
        }

        var evaluationSources = test.Select(i => Key(pool[i])).ToHashSet(SourceKey.Comparer);
        var dev = new List<int>(request.DevSize);
        var devDropped = 0;
        while (dev.Count < request.DevSize && position < order.Length)
        {
            var index = order[position++];
            if (evaluationSources.Contains(Key(pool[index])))
            {
                devDropped++;
            }
            else
            {
                dev.Add(index);
            }
        }

        evaluationSources.UnionWith(dev.Select(i => Key(pool[i])));
        var rest = order.AsSpan(position).ToArray();
        var trainCandidates = rest.Where(i => !evaluationSources.Contains(Key(pool[i]))).ToList();
        var trainDropped = rest.Length - trainCandidates.Count;
        if (trainCandidates.Count < request.TrainSize && request.TrainSize != SplitRequest.All)
        {
            notes.Add($"train: {request.TrainSize} pairs requested but the pool leaves only {trainCandidates.Count} after test, dev and the leakage guard; using all {trainCandidates.Count}.");
        }

        if (dev.Count < request.DevSize)
        {
            notes.Add($"dev: {request.DevSize} pairs requested but only {dev.Count} could be drawn without repeating a test source.");
        }

        var report = new SplitReport
        {
            Request = request,
            TrainAvailable = pool.Count,
            DevAvailable = pool.Count,
            TestAvailable = pool.Count,
            DevDroppedOverlappingTest = devDropped,
            TrainDroppedLeakage = trainDropped,
            Reads = reads,
            Notes = notes,
        };
        return new DataSplits(
            InFileOrder(pool, trainCandidates.Take(request.TrainSize)),
            InFileOrder(pool, dev),
            InFileOrder(pool, test),
            report);
    }

    private static List<SentencePair> Sample(List<SentencePair> candidates, int size, DeterministicRandom random, string name, List<string> notes)
    {
        if (size > candidates.Count && size != SplitRequest.All)
        {
            notes.Add($"{name}: {size} pairs requested but only {candidates.Count} available; using all {candidates.Count}.");
        }

        return InFileOrder(candidates, random.Permutation(candidates.Count).Take(size));
    }

    private static List<SentencePair> InFileOrder(List<SentencePair> pairs, IEnumerable<int> indices) =>
        [.. indices.Order().Select(i => pairs[i])];

    private static HashSet<string> SourceKeys(IEnumerable<SentencePair> pairs) =>
        pairs.Select(Key).ToHashSet(SourceKey.Comparer);

    private static string Key(SentencePair pair) => SourceKey.Of(pair.Source);
}
