using System.Diagnostics;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Threading;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Builds the "why synthetic data hurts" report: a human reference side and any number of synthetic sides over the
/// same German sources are subsampled to one size with one seed, then each side gets lexical diversity (with
/// coverage of the reference sample's vocabulary, and vocabulary/TTR at a common token budget), reference-free error
/// signals against the sources, and each synthetic side sentence-level chrF/BLEU/TER errors and Jensen–Shannon
/// divergence against the reference. Sides run in parallel (one per core), error scoring in parallel chunks;
/// progress is reported in [0, 1].
/// </summary>
public static class DatasetReport
{
    /// <summary>Runs <see cref="Build"/> on the thread pool.</summary>
    public static Task<DatasetReportResult> BuildAsync(
        IReadOnlyList<string>? sources,
        TextSide reference,
        IReadOnlyList<TextSide> candidates,
        DatasetReportOptions? options = null,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => Build(sources, reference, candidates, options, progress, cancellationToken), cancellationToken);

    public static DatasetReportResult Build(
        IReadOnlyList<string>? sources,
        TextSide reference,
        IReadOnlyList<TextSide> candidates,
        DatasetReportOptions? options = null,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new DatasetReportOptions();
        var watch = Stopwatch.StartNew();
        var sides = new List<TextSide> { reference };
        sides.AddRange(candidates);
        if (sides.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != sides.Count)
        {
            throw new ArgumentException("Side names must be distinct.", nameof(candidates));
        }

        var minSize = sides.Min(s => s.Sentences.Count);
        var aligned = sides.All(s => s.Sentences.Count == reference.Sentences.Count)
            && (sources is null || sources.Count == reference.Sentences.Count);
        var sampleSize = options.SampleSize ?? minSize;
        if (sampleSize < 1 || sampleSize > minSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), sampleSize, $"SampleSize must lie in 1..{minSize} (the smallest side).");
        }

        // One seeded permutation per side (aligned sides share stream 0, i.e. the same pairs); the prefix is a uniform
        // sample and sorting keeps the texts' order, which MATTR and MTLD read across sentence boundaries.
        int[] SampleOf(int count, int stream) =>
            [.. new DeterministicRandom(options.Seed, (ulong)stream).Permutation(count).Take(sampleSize).Order()];
        var sharedSample = aligned ? SampleOf(reference.Sentences.Count, 0) : null;
        var samples = sides.Select((s, k) => sharedSample ?? SampleOf(s.Sentences.Count, k + 1)).ToArray();
        var tracker = new ProgressTracker(progress, units: (sides.Count * 3) + (aligned ? (candidates.Count * 6) + (sources is null ? 0 : 1) : 0));

        var texts = new string[sides.Count][];
        var tokens = new string[sides.Count][][];
        var failed = new int[sides.Count];
        Parallel.For(0, sides.Count, Options(cancellationToken), k =>
        {
            var sample = samples[k];
            texts[k] = new string[sample.Length];
            tokens[k] = new string[sample.Length][];
            for (var i = 0; i < sample.Length; i++)
            {
                var sentence = sides[k].Sentences[sample[i]];
                failed[k] += sentence is null ? 1 : 0;
                texts[k][i] = sentence ?? string.Empty;
                tokens[k][i] = LexicalTokenizer.Tokenize(sentence);
            }

            tracker.Add(1);
        });

        long? budget = options.MatchTokenBudget ? tokens.Min(side => side.Sum(t => (long)t.Length)) : null;
        var diversityOptions = options.Diversity with { TokenBudget = budget is { } b ? (int)Math.Min(b, int.MaxValue) : options.Diversity.TokenBudget };
        var diversity = new LexicalDiversityResult[sides.Count];
        var divergence = new DivergenceResult?[sides.Count];
        Parallel.For(0, sides.Count, Options(cancellationToken), k =>
        {
            diversity[k] = LexicalDiversity.Measure(texts[k], tokens[k], diversityOptions, tokens[0], cancellationToken);
            tracker.Add(1);
            divergence[k] = k == 0 ? null : Divergence.Compare(tokens[k], tokens[0]);
            tracker.Add(1);
        });

        var errors = new ErrorAnalysisResult?[sides.Count];
        ErrorSignalSummary? referenceSignals = null;
        if (aligned)
        {
            var sampledSources = sources is null ? null : sharedSample!.Select(i => sources[i]).ToArray();
            var sampledReference = sharedSample!.Select(i => reference.Sentences[i]).ToArray();
            for (var k = 1; k < sides.Count; k++)
            {
                var hypotheses = sharedSample!.Select(i => sides[k].Sentences[i]).ToArray();
                var start = tracker.Done;
                errors[k] = ErrorAnalysis.Analyze(
                    sampledSources, sampledReference, hypotheses, options.Errors,
                    new SynchronousProgress<double>(fraction => tracker.Set(start + (6 * fraction))), cancellationToken);
                tracker.Set(start + 6);
            }

            if (sampledSources is not null)
            {
                var signals = new PairErrorSignals[sampledSources.Length];
                Parallel.For(0, signals.Length, Options(cancellationToken), i =>
                    signals[i] = ErrorSignals.Compute(sampledSources[i], sampledReference[i], options.Errors.Signals));
                referenceSignals = ErrorSignalSummary.Of(signals);
                tracker.Add(1);
            }
        }

        var reports = sides.Select((side, k) => new SideReport
        {
            Name = side.Name,
            IsReference = k == 0,
            Sentences = samples[k].Length,
            Failed = failed[k],
            Diversity = diversity[k],
            SentenceLengths = Array.ConvertAll(tokens[k], t => t.Length),
            Signals = k == 0 ? referenceSignals : errors[k]?.Signals,
            Errors = errors[k],
            DivergenceFromReference = divergence[k],
        }).ToArray();
        progress?.Report(1);
        return new DatasetReportResult
        {
            Sides = reports,
            Aligned = aligned,
            SampleSize = sampleSize,
            Seed = options.Seed,
            TokenBudget = budget,
            Options = options,
            SampleIndices = sharedSample,
            Elapsed = watch.Elapsed,
        };
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        CallerParallelism.Options(cancellationToken, Environment.ProcessorCount);

    /// <summary>Thread-safe work-unit counter reporting monotone fractions.</summary>
    private sealed class ProgressTracker(IProgress<double>? progress, int units)
    {
        private readonly Lock gate = new();
        private double done;
        private double reported;

        public double Done
        {
            get
            {
                lock (gate)
                {
                    return done;
                }
            }
        }

        public void Add(double amount)
        {
            lock (gate)
            {
                Update(done + amount);
            }
        }

        public void Set(double value)
        {
            lock (gate)
            {
                Update(value);
            }
        }

        private void Update(double value)
        {
            done = Math.Max(done, value);
            var fraction = units == 0 ? 1 : Math.Min(1, done / units);
            if (fraction > reported)
            {
                reported = fraction;
                progress?.Report(fraction);
            }
        }
    }
}
