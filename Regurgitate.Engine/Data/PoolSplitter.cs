using System.Globalization;

namespace Regurgitate.Engine.Data;

/// <summary>
/// Cuts one pool into test, dev and train. The pool's units (whole documents when every segment has a document id,
/// else single segments) are shuffled once by the seed; test takes units until it holds the requested size, then dev,
/// and train draws from the units left. A document therefore lies wholly in one split, so no test segment shares a
/// document with training; the last document of test or dev may make it a little larger than asked, which a note says.
/// Pairs repeating an earlier split's source (or target, see <see cref="EvaluationOverlapGuard"/>) are dropped.
/// Without document ids every unit is one segment, which gives exactly the segment shuffle used before documents.
/// </summary>
internal static class PoolSplitter
{
    private const ulong PoolStream = 4;

    public static DataSplits Split(
        SplitRequest request,
        CorpusDescriptor corpus,
        List<CorpusSegment> pool,
        Dictionary<string, CorpusReadReport> reads)
    {
        if (request.TestSize + request.DevSize >= pool.Count)
        {
            throw new ArgumentException(
                $"Corpus '{request.CorpusId}' is one pool of {pool.Count} pairs; test {request.TestSize} + dev {request.DevSize} leave nothing for training.",
                nameof(request));
        }

        var byDocument = corpus.SplitsByDocument;
        var units = byDocument ? Documents(pool) : [.. Enumerable.Range(0, pool.Count).Select(i => new[] { i })];
        var order = new DeterministicRandom(request.Seed, PoolStream).Permutation(units.Count);
        var notes = new List<string>();
        var guard = new EvaluationOverlapGuard(corpus.DeduplicateTargets);
        var position = 0;

        var test = new List<int>(request.TestSize);
        var testDocuments = 0;
        while (test.Count < request.TestSize && position < order.Length)
        {
            test.AddRange(units[order[position++]]);
            testDocuments++;
        }

        guard.AddRange(test.Select(i => pool[i].Pair));
        var dev = new List<int>(request.DevSize);
        int devDocuments = 0, devDropped = 0, targetDropped = 0;
        while (dev.Count < request.DevSize && position < order.Length)
        {
            devDocuments++;
            foreach (var index in units[order[position++]])
            {
                if (guard.Overlaps(pool[index].Pair))
                {
                    devDropped++;
                    targetDropped += guard.RepeatsOnlyTarget(pool[index].Pair) ? 1 : 0;
                }
                else
                {
                    dev.Add(index);
                }
            }
        }

        guard.AddRange(dev.Select(i => pool[i].Pair));
        var rest = order.AsSpan(position).ToArray().SelectMany(unit => units[unit]).ToList();
        var trainCandidates = rest.Where(i => !guard.Overlaps(pool[i].Pair)).ToList();
        targetDropped += rest.Count(i => guard.RepeatsOnlyTarget(pool[i].Pair));
        var train = trainCandidates.Take(request.TrainSize).ToList();
        AddNotes(request, byDocument, test.Count, dev.Count, trainCandidates.Count, notes);

        var report = new SplitReport
        {
            Request = request,
            Method = byDocument ? SplitMethod.Documents : SplitMethod.Segments,
            TrainDocuments = byDocument ? train.Select(i => pool[i].Document).Distinct(StringComparer.Ordinal).Count() : null,
            DevDocuments = byDocument ? devDocuments : null,
            TestDocuments = byDocument ? testDocuments : null,
            TrainAvailable = pool.Count,
            DevAvailable = pool.Count,
            TestAvailable = pool.Count,
            DevDroppedOverlappingTest = devDropped,
            TrainDroppedLeakage = rest.Count - trainCandidates.Count,
            TargetOverlapsDropped = targetDropped,
            Reads = reads,
            Notes = notes,
        };
        var testSegments = InFileOrder(pool, test);
        return new DataSplits(
            [.. InFileOrder(pool, train).Select(s => s.Pair)],
            [.. InFileOrder(pool, dev).Select(s => s.Pair)],
            [.. testSegments.Select(s => s.Pair)],
            report)
        {
            TestSecondReferences = corpus.HasSecondReference ? [.. testSegments.Select(s => s.SecondReference!)] : null,
        };
    }

    /// <summary>The pool's documents in order of first appearance, each as the indices of its segments.</summary>
    private static List<int[]> Documents(List<CorpusSegment> pool)
    {
        var documents = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (var i = 0; i < pool.Count; i++)
        {
            var id = pool[i].Document!;
            if (!documents.TryGetValue(id, out var segments))
            {
                segments = [];
                documents.Add(id, segments);
                order.Add(segments);
            }

            segments.Add(i);
        }

        return [.. order.Select(segments => segments.ToArray())];
    }

    private static void AddNotes(SplitRequest request, bool byDocument, int test, int dev, int trainAvailable, List<string> notes)
    {
        if (byDocument && test > request.TestSize)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"test: {request.TestSize} pairs requested; whole documents give {test}."));
        }

        if (byDocument && dev > request.DevSize)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"dev: {request.DevSize} pairs requested; whole documents give {dev}."));
        }

        if (trainAvailable < request.TrainSize && request.TrainSize != SplitRequest.All)
        {
            notes.Add($"train: {request.TrainSize} pairs requested but the pool leaves only {trainAvailable} after test, dev and the leakage guard; using all {trainAvailable}.");
        }

        if (dev < request.DevSize)
        {
            notes.Add($"dev: {request.DevSize} pairs requested but only {dev} could be drawn without repeating a test {(byDocument ? "source or taking a test document" : "source")}.");
        }
    }

    private static List<CorpusSegment> InFileOrder(List<CorpusSegment> pool, IEnumerable<int> indices) =>
        [.. indices.Order().Select(i => pool[i])];
}
