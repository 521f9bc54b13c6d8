using System.Globalization;
using Regurgitate.Engine.Statistics;
using Regurgitate.Engine.Threading;

namespace Regurgitate.Engine.Evaluation.Significance;

/// <summary>
/// sacreBLEU 2.x's paired significance tests (<c>significance.py</c>) on per-segment sufficient statistics; the first
/// system is the baseline.
/// <list type="bullet">
/// <item>Paired bootstrap: <c>n</c> resamples of segment indices drawn with replacement
/// (<c>default_rng(seed).choice(N, (n, N))</c>, reproduced exactly by <see cref="NumpyRandom"/>); every system,
/// the baseline included, is scored on the same resamples. Each row gets the mean and 95% half-width of its resampled
/// scores; a system's p-value is the +1-smoothed share of resamples whose |system − baseline| difference, centred on
/// its mean, exceeds the observed |system − baseline| difference.</item>
/// <item>Approximate randomization: <c>n</c> trials, each swapping every segment's statistics between baseline and
/// system with probability ½ (<c>default_rng(seed).integers(2, (n, N), dtype=bool)</c>); the p-value is the
/// +1-smoothed share of trials whose |A − B| exceeds the observed difference. The baseline row has no p-value, mean
/// or interval.</item>
/// </list>
/// Differences from sacreBLEU: sums are exact (float64 over integer counts), where NumPy sums float32 copies of the
/// statistics for the bootstrap, so resampled scores can differ in the last digits; <paramref name="seed"/> 0 is a
/// real seed here (sacreBLEU treats 0 like "none" in the paired tests).
/// </summary>
public static class PairedSignificance
{
    public const ulong DefaultSeed = 12345;
    public const int DefaultBootstrapResamples = 1000;
    public const int DefaultRandomizationTrials = 10000;

    private const int Block = 16;

    /// <summary>sacreBLEU's <c>SACREBLEU_SEED</c>: unset → 12345, "none" → unseeded (null), else the integer.</summary>
    public static ulong? SeedFromEnvironment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultSeed;
        }

        if (value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ulong.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new FormatException($"SACREBLEU_SEED must be a non-negative integer or 'none', not '{value}'.");
    }

    public static PairedTestReport PairedBootstrap(
        IReadOnlyList<PairedSystem> systems, int resamples = DefaultBootstrapResamples, ulong? seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        var (segments, metricCount) = Check(systems, resamples);
        var scores = new double[systems.Count][][];
        for (var s = 0; s < systems.Count; s++)
        {
            scores[s] = new double[metricCount][];
            for (var m = 0; m < metricCount; m++)
            {
                scores[s][m] = new double[resamples];
            }
        }

        var rng = new NumpyRandom(seed ?? RandomSeed());
        var indices = new int[Block * segments];
        var counts = new int[Block * segments];
        for (var start = 0; start < resamples; start += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Min(Block, resamples - start);
            rng.FillBounded(indices.AsSpan(0, rows * segments), segments);

            // How often each segment was drawn: the sums then scan the statistics in order instead of jumping around.
            Array.Clear(counts, 0, rows * segments);
            for (var row = 0; row < rows; row++)
            {
                var rowCounts = counts.AsSpan(row * segments, segments);
                foreach (var index in indices.AsSpan(row * segments, segments))
                {
                    rowCounts[index]++;
                }
            }

            Parallel.For(0, rows * systems.Count * metricCount, CallerParallelism.Options(cancellationToken), job =>
            {
                var row = job / (systems.Count * metricCount);
                var s = job / metricCount % systems.Count;
                var m = job % metricCount;
                var stats = systems[s].Metrics[m];
                Span<double> totals = stackalloc double[stats.Width];
                SumRows(stats, counts.AsSpan(row * segments, segments), totals);
                scores[s][m][start + row] = stats.Score(totals);
            });
        }

        var results = new List<PairedSystemResult>(systems.Count);
        var baselineScores = systems[0].Metrics.Select(x => x.CorpusScore()).ToArray();
        for (var s = 0; s < systems.Count; s++)
        {
            var cells = new List<PairedMetricResult>(metricCount);
            for (var m = 0; m < metricCount; m++)
            {
                var score = s == 0 ? baselineScores[m] : systems[s].Metrics[m].CorpusScore();
                var (mean, halfWidth) = NumpyReductions.EstimateConfidence(scores[s][m]);
                double? p = null;
                ConfidenceInterval? difference = null;
                if (s > 0)
                {
                    var observed = Math.Abs(baselineScores[m] - score);
                    var signed = new double[resamples];
                    var diffs = new double[resamples];
                    for (var r = 0; r < resamples; r++)
                    {
                        signed[r] = scores[s][m][r] - scores[0][m][r];
                        diffs[r] = Math.Abs(signed[r]);
                    }

                    difference = ConfidenceInterval.Percentile(signed);

                    var diffMean = NumpyReductions.Mean(diffs);
                    for (var r = 0; r < resamples; r++)
                    {
                        diffs[r] -= diffMean;
                    }

                    p = NumpyReductions.PValue(diffs, observed);
                }

                cells.Add(new PairedMetricResult(score, p, mean, halfWidth, difference));
            }

            results.Add(new PairedSystemResult(systems[s].Name, cells));
        }

        return Report(PairedTestKind.Bootstrap, resamples, seed, systems, results);
    }

    public static PairedTestReport ApproximateRandomization(
        IReadOnlyList<PairedSystem> systems, int trials = DefaultRandomizationTrials, ulong? seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        var (segments, metricCount) = Check(systems, trials);
        var others = systems.Count - 1;
        var statistics = new double[others][][];
        for (var s = 0; s < others; s++)
        {
            statistics[s] = new double[metricCount][];
            for (var m = 0; m < metricCount; m++)
            {
                statistics[s][m] = new double[trials];
            }
        }

        var rng = new NumpyRandom(seed ?? RandomSeed());
        rng.BeginBooleanFill();
        var select = new bool[Block * segments];
        for (var start = 0; start < trials; start += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Min(Block, trials - start);
            for (var i = 0; i < rows * segments; i++)
            {
                select[i] = rng.NextBooleanOfFill();
            }

            Parallel.For(0, rows * others * metricCount, CallerParallelism.Options(cancellationToken), job =>
            {
                var row = job / (others * metricCount);
                var s = job / metricCount % others;
                var m = job % metricCount;
                var baseline = systems[0].Metrics[m];
                var system = systems[s + 1].Metrics[m];
                var width = baseline.Width;
                Span<double> a = stackalloc double[width];
                Span<double> b = stackalloc double[width];
                var bl = baseline.Values;
                var sy = system.Values;
                var sel = select.AsSpan(row * segments, segments);
                for (var i = 0; i < segments; i++)
                {
                    var offset = i * width;
                    var toA = sel[i] ? bl.Slice(offset, width) : sy.Slice(offset, width);
                    var toB = sel[i] ? sy.Slice(offset, width) : bl.Slice(offset, width);
                    for (var k = 0; k < width; k++)
                    {
                        a[k] += toA[k];
                        b[k] += toB[k];
                    }
                }

                statistics[s][m][start + row] = Math.Abs(baseline.Score(a) - system.Score(b));
            });
        }

        var results = new List<PairedSystemResult>(systems.Count);
        var baselineScores = systems[0].Metrics.Select(x => x.CorpusScore()).ToArray();
        results.Add(new PairedSystemResult(systems[0].Name, baselineScores.Select(x => new PairedMetricResult(x, null, null, null)).ToArray()));
        for (var s = 0; s < others; s++)
        {
            var cells = new List<PairedMetricResult>(metricCount);
            for (var m = 0; m < metricCount; m++)
            {
                var score = systems[s + 1].Metrics[m].CorpusScore();
                var p = NumpyReductions.PValue(statistics[s][m], Math.Abs(baselineScores[m] - score));
                cells.Add(new PairedMetricResult(score, p, null, null));
            }

            results.Add(new PairedSystemResult(systems[s + 1].Name, cells));
        }

        return Report(PairedTestKind.ApproximateRandomization, trials, seed, systems, results);
    }

    /// <summary>
    /// A metric signature with the test's fields where sacreBLEU puts them, right after <c>nrefs</c>:
    /// <c>nrefs:1|bs:1000|seed:12345|case:mixed|…</c> (or <c>ar:10000</c>).
    /// </summary>
    public static string AddTestToSignature(string signature, PairedTestKind kind, int samples, ulong? seed)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var fields = $"{(kind == PairedTestKind.Bootstrap ? "bs" : "ar")}:{samples.ToString(CultureInfo.InvariantCulture)}" +
            $"|seed:{(seed is { } value ? value.ToString(CultureInfo.InvariantCulture) : "none")}";
        var parts = signature.Split('|').ToList();
        var at = parts.FindIndex(p => p.StartsWith("nrefs:", StringComparison.Ordinal));
        parts.Insert(at + 1, fields);
        return string.Join('|', parts);
    }

    private static void SumRows(SegmentStatistics stats, ReadOnlySpan<int> counts, Span<double> totals)
    {
        var width = stats.Width;
        var values = stats.Values;
        totals.Clear();
        for (var i = 0; i < counts.Length; i++)
        {
            var count = counts[i];
            if (count == 0)
            {
                continue;
            }

            var row = values.Slice(i * width, width);
            for (var k = 0; k < width; k++)
            {
                totals[k] += count * row[k];
            }
        }
    }

    private static (int Segments, int Metrics) Check(IReadOnlyList<PairedSystem> systems, int samples)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        if (systems.Count < 2)
        {
            throw new ArgumentException("Paired tests need a baseline and at least one other system.", nameof(systems));
        }

        var metricCount = systems[0].Metrics.Count;
        if (metricCount == 0)
        {
            throw new ArgumentException("No metric to test.", nameof(systems));
        }

        var segments = systems[0].Metrics[0].SegmentCount;
        if (segments == 0)
        {
            throw new ArgumentException("Paired tests need at least one segment.", nameof(systems));
        }

        foreach (var system in systems)
        {
            if (system.Metrics.Count != metricCount)
            {
                throw new ArgumentException($"System '{system.Name}' has {system.Metrics.Count} metrics, the baseline {metricCount}.", nameof(systems));
            }

            for (var m = 0; m < metricCount; m++)
            {
                var stats = system.Metrics[m];
                if (stats.SegmentCount != segments || stats.Width != systems[0].Metrics[m].Width
                    || stats.MetricName != systems[0].Metrics[m].MetricName)
                {
                    throw new ArgumentException(
                        $"System '{system.Name}': {stats.MetricName} statistics for {stats.SegmentCount} segments do not pair with the baseline's " +
                        $"{systems[0].Metrics[m].MetricName} for {segments}.",
                        nameof(systems));
                }
            }
        }

        return (segments, metricCount);
    }

    private static PairedTestReport Report(
        PairedTestKind kind, int samples, ulong? seed, IReadOnlyList<PairedSystem> systems, IReadOnlyList<PairedSystemResult> results) =>
        new(
            kind,
            samples,
            seed,
            systems[0].Metrics.Select(m => m.MetricName).ToArray(),
            systems[0].Metrics.Select(m => AddTestToSignature(m.Signature, kind, samples, seed)).ToArray(),
            results);

    private static ulong RandomSeed() => (ulong)Random.Shared.NextInt64(long.MaxValue);
}
