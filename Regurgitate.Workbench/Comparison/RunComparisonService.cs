using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Threading;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// Reads the runs' test translations (<see cref="TestOutputs"/>), refuses runs that were tested on different
/// sentences, and runs sacreBLEU's paired bootstrap and approximate randomization against the baseline with the
/// same metrics the runs were scored with (default BLEU and chrF, optionally TER); a run whose translations equal the
/// baseline's gets p = 1 (see <see cref="ComparisonRow.IdenticalToBaseline"/>). Scoring and resampling run through the
/// <see cref="HeavyWorkScheduler"/> (identical requests share one computation) and stop when cancelled. Results are
/// kept in memory per (baseline, runs, options, length and last write time of the runs' test files), at most
/// <see cref="CacheCapacity"/>, least recently used evicted first.
/// </summary>
public sealed class RunComparisonService(IDbContextFactory<RegurgitateDbContext> contextFactory, Folders.ArtifactFolders folders, HeavyWorkScheduler scheduler)
    : IRunComparisonService
{
    /// <summary>Results kept at most (a comparison is cheap to redo).</summary>
    public const int CacheCapacity = 64;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CacheCapacity, CompactionPercentage = 0.25 });

    /// <summary>Comparisons kept in memory.</summary>
    internal int CachedCount => cache.Count;

    public async Task<IReadOnlyList<ComparisonCandidate>> ListCandidatesAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var runs = await context.Runs
            .AsNoTracking()
            .Where(r => r.Status == RunStatus.Completed)
            .OrderByDescending(r => r.Id)
            .Select(r => new { Run = new ComparedRun(r.Id, r.Experiment!.Name, r.Role, r.Condition, r.TrainSize, r.Seed), r.TestBleu, r.FolderIdentity })
            .ToListAsync(cancellationToken);
        return runs.Select(r => new ComparisonCandidate(r.Run, r.TestBleu, HasTestOutputs(new Folders.FolderOwner(Folders.FolderKind.Run, r.Run.RunId, r.FolderIdentity)))).ToList();
    }

    public async Task<RunComparison> CompareAsync(
        int baselineRunId, IReadOnlyList<int> otherRunIds, ComparisonOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(otherRunIds);
        ArgumentNullException.ThrowIfNull(options);
        var others = otherRunIds.Where(id => id != baselineRunId).Distinct().ToList();
        Validate(others, options);

        List<int> ids = [baselineRunId, .. others];
        // The paths are only named here: the reads verify each folder first, and a folder set aside changes its stamp.
        var stamp = FileStamps.Of(ids.SelectMany(id => TestOutputs.PathsOf(folders.PathOf(Folders.FolderKind.Run, id))));
        var key = new CacheKey(baselineRunId, string.Join(',', others.Select(id => id.ToString(CultureInfo.InvariantCulture))), options, stamp);
        if (cache.TryGetValue(key, out RunComparison? cached))
        {
            return cached!;
        }

        return await scheduler.RunAsync(
            nameof(RunComparisonService) + "|" + key,
            async (_, token) =>
            {
                // Awaits keep their context: scoring stays on the scheduler's low-priority threads.
                var runs = await LoadRunsAsync(ids, token);
                var outputs = await ReadOutputsAsync(runs, token);
                CheckSameTestSet(runs, outputs);
                var comparison = Compute(runs, outputs, options, token);
                cache.Set(key, comparison, new MemoryCacheEntryOptions { Size = 1 });
                return comparison;
            },
            null,
            cancellationToken);
    }

    private bool HasTestOutputs(Folders.FolderOwner run) => TestOutputs.PathsOf(folders.Verify(run)).All(File.Exists);

    private static void Validate(IReadOnlyList<int> others, ComparisonOptions options)
    {
        if (others.Count == 0)
        {
            throw new RunComparisonException(RunComparisonProblem.InvalidRequest, "Choose at least one run to compare with the baseline.", []);
        }

        if (options.Resamples <= 0 || options.Trials <= 0)
        {
            throw new RunComparisonException(
                RunComparisonProblem.InvalidRequest,
                $"The bootstrap needs at least one resample and approximate randomization at least one trial (got {options.Resamples} and {options.Trials}).",
                []);
        }
    }

    private async Task<IReadOnlyList<(Run Run, ComparedRun Label)>> LoadRunsAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await context.Runs.AsNoTracking().Include(r => r.Experiment)
            .Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var missing = ids.Where(id => !stored.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new RunComparisonException(
                RunComparisonProblem.RunNotFound,
                missing.Count == 1 ? $"There is no run {RunRef(missing[0])}." : $"There are no runs {string.Join(", ", missing.Select(RunRef))}.",
                missing);
        }

        return ids.Select(id => stored[id])
            .Select(r => (r, new ComparedRun(r.Id, r.Experiment!.Name, r.Role, r.Condition, r.TrainSize, r.Seed)))
            .ToList();
    }

    private async Task<IReadOnlyList<RunOutputs>> ReadOutputsAsync(IReadOnlyList<(Run Run, ComparedRun Label)> runs, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var problemRuns = new List<int>();
        var outputs = new List<RunOutputs>();
        var unreadable = false;
        foreach (var (run, _) in runs)
        {
            if (run.Status != RunStatus.Completed)
            {
                problems.Add($"run {RunRef(run.Id)} is {run.Status.ToString().ToLowerInvariant()}; its test translations are written when it completes");
                problemRuns.Add(run.Id);
                continue;
            }

            var directory = folders.Verify(Folders.ArtifactFolders.OwnerOf(run));
            try
            {
                var read = await TestOutputs.ReadAsync(directory, cancellationToken);
                if (read is not { } files)
                {
                    problems.Add($"run {RunRef(run.Id)} has no test translations ({TestOutputs.SourceFile}, {TestOutputs.ReferenceFile}, " +
                        $"{TestOutputs.HypothesisFile}) in '{directory}'; it finished before runs kept them");
                    problemRuns.Add(run.Id);
                    continue;
                }

                outputs.Add(new RunOutputs(files.Sources, files.References, files.Hypotheses));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or Engine.Data.CorpusFormatException)
            {
                problems.Add($"run {RunRef(run.Id)}'s test translations cannot be read: {e.Message}");
                problemRuns.Add(run.Id);
                unreadable = true;
            }
        }

        if (problems.Count > 0)
        {
            throw new RunComparisonException(
                unreadable ? RunComparisonProblem.UnreadableTestOutputs : RunComparisonProblem.MissingTestOutputs,
                Capitalize(string.Join("; ", problems)) + ".",
                problemRuns);
        }

        return outputs;
    }

    /// <summary>Every run must have translated exactly the baseline's test sentences against the same references.</summary>
    private static void CheckSameTestSet(IReadOnlyList<(Run Run, ComparedRun Label)> runs, IReadOnlyList<RunOutputs> outputs)
    {
        var baseline = outputs[0];
        var problems = new List<string>();
        var differing = new List<int>();
        for (var i = 1; i < runs.Count; i++)
        {
            var difference = Difference("source", outputs[i].Sources, baseline.Sources)
                ?? Difference("reference", outputs[i].References, baseline.References);
            if (difference is not null)
            {
                problems.Add($"run {RunRef(runs[i].Run.Id)} {difference}");
                differing.Add(runs[i].Run.Id);
            }
        }

        if (problems.Count > 0)
        {
            throw new RunComparisonException(
                RunComparisonProblem.TestSetMismatch,
                $"These runs were not tested on the baseline {RunRef(runs[0].Run.Id)}'s test set, so they cannot be compared with it: " +
                string.Join("; ", problems) + ".",
                differing);
        }
    }

    private static string? Difference(string kind, IReadOnlyList<string> lines, IReadOnlyList<string> baseline)
    {
        if (lines.Count != baseline.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"has {lines.Count:N0} test sentences, the baseline {baseline.Count:N0}");
        }

        var first = -1;
        var count = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!string.Equals(lines[i], baseline[i], StringComparison.Ordinal))
            {
                count++;
                first = first < 0 ? i : first;
            }
        }

        return count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"differs from the baseline in {count:N0} of {lines.Count:N0} {kind} lines (first at line {first + 1:N0})");
    }

    private static RunComparison Compute(
        IReadOnlyList<(Run Run, ComparedRun Label)> runs, IReadOnlyList<RunOutputs> outputs, ComparisonOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyList<string?>> references = [outputs[0].References];
        var metricCount = options.IncludeTer ? 3 : 2;
        var statistics = new SegmentStatistics[runs.Count][];
        for (var s = 0; s < runs.Count; s++)
        {
            statistics[s] = new SegmentStatistics[metricCount];
        }

        // Fresh metric objects per job: they remember the signature of their last score.
        Parallel.For(
            0,
            runs.Count * metricCount,
            CallerParallelism.Options(cancellationToken),
            job =>
            {
                var (s, m) = (job / metricCount, job % metricCount);
                var hypotheses = outputs[s].Hypotheses;
                statistics[s][m] = m switch
                {
                    0 => new BleuMetric().CorpusStatistics(hypotheses, references),
                    1 => new ChrFMetric().CorpusStatistics(hypotheses, references),
                    _ => new TerMetric().CorpusStatistics(hypotheses, references),
                };
            });

        var systems = runs.Select((r, s) => new PairedSystem(RunRef(r.Run.Id), statistics[s])).ToList();
        var bootstrap = PairedSignificance.PairedBootstrap(systems, options.Resamples, options.Seed, cancellationToken);
        var randomization = PairedSignificance.ApproximateRandomization(systems, options.Trials, options.Seed, cancellationToken);

        var metrics = Enumerable.Range(0, metricCount)
            .Select(m => new ComparisonMetric(
                bootstrap.MetricNames[m], statistics[0][m].Signature, bootstrap.Signatures[m], randomization.Signatures[m]))
            .ToList();
        var rows = runs.Select((r, s) =>
            {
                var identical = s > 0 && outputs[s].Hypotheses.SequenceEqual(outputs[0].Hypotheses, StringComparer.Ordinal);
                var scores = Enumerable.Range(0, metricCount).Select(m =>
                {
                    var cell = bootstrap.Systems[s].Metrics[m];
                    var (bootstrapP, randomizationP) = identical ? (1.0, 1.0) : (cell.PValue, randomization.Systems[s].Metrics[m].PValue);
                    double? difference = s > 0 ? cell.Score - bootstrap.Systems[0].Metrics[m].Score : null;
                    return new ComparisonScore(cell.Score, cell.Mean!.Value, cell.ConfidenceHalfWidth!.Value, bootstrapP, randomizationP, difference, cell.DifferenceInterval);
                }).ToList();
                return new ComparisonRow(r.Label, s == 0, identical, scores);
            })
            .ToList();
        return new RunComparison(options, outputs[0].Sources.Count, metrics, rows);
    }

    private static string RunRef(int id) => "#" + id.ToString(CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record RunOutputs(IReadOnlyList<string> Sources, IReadOnlyList<string> References, IReadOnlyList<string> Hypotheses);

    private readonly record struct CacheKey(int Baseline, string Others, ComparisonOptions Options, string Stamp);
}
