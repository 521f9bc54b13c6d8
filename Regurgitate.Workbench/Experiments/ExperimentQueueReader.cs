using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Reads an experiment's <see cref="ExperimentQueueStatus"/> from the database: the queue in the order the coordinator
/// starts runs (highest priority, then oldest), and the step rate recorded by the most recent training steps.
/// </summary>
public static class ExperimentQueueReader
{
    /// <summary>The rate is measured over this many of the latest recorded steps, so a warm-up or an earlier pause is forgotten.</summary>
    public const int RateWindow = 50;

    /// <summary>A gap this long between two recorded steps is a stopped or waiting run, not training: it is left out of the rate.</summary>
    public static readonly TimeSpan PauseGap = TimeSpan.FromMinutes(5);

    /// <param name="runs">The experiment's runs (all of them: finished ones tell the steps of same-size runs not planned yet).</param>
    /// <param name="slots">How many runs train at once.</param>
    public static async Task<ExperimentQueueStatus?> ReadAsync(
        RegurgitateDbContext context, int experimentId, IReadOnlyList<ExperimentRunRow> runs, int slots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runs);
        var unfinished = runs.Where(r => r.Status is RunStatus.Queued or RunStatus.Running).ToList();
        if (unfinished.Count == 0)
        {
            return null;
        }

        var active = await context.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .OrderByDescending(r => r.Status == RunStatus.Running).ThenByDescending(r => r.Priority).ThenBy(r => r.Id)
            .Select(r => new RunAhead(r.Id, r.ExperimentId, r.Experiment!.Name, r.Status, r.LastStep, r.TrainingPairs == null ? null : r.MaxSteps))
            .ToListAsync(cancellationToken);
        var queued = active.Where(r => r.Status == RunStatus.Queued).ToList();
        var firstOwn = queued.FindIndex(r => r.ExperimentId == experimentId);
        var lastOwn = queued.FindLastIndex(r => r.ExperimentId == experimentId);
        var others = active.Where(r => r.ExperimentId != experimentId);
        var ahead = others.Where(r => r.Status == RunStatus.Running || queued.IndexOf(r) < firstOwn).ToList();

        // Every run that trains before the experiment's last run ends: its own, those running, those queued before its last.
        var delaying = others.Where(r => r.Status == RunStatus.Running || queued.IndexOf(r) < lastOwn).ToList();
        var notPlanned = 0;
        long steps = 0;
        foreach (var run in unfinished)
        {
            if ((run.PlannedSteps ?? SameSizePlan(runs, run)) is { } planned)
            {
                steps += Math.Max(0, planned - run.LastStep);
            }
            else
            {
                notPlanned++;
            }
        }

        foreach (var run in delaying)
        {
            if (run.PlannedSteps is { } planned)
            {
                steps += Math.Max(0, planned - run.LastStep);
            }
            else
            {
                notPlanned++;
            }
        }

        var rate = await MeasureRateAsync(context, experimentId, active.Where(r => r.Status == RunStatus.Running).ToList(), cancellationToken);
        // Whole seconds: the rate comes from timestamps, and 0.7999… s per step must not read a minute short.
        TimeSpan? remaining = rate is null ? null : TimeSpan.FromSeconds(Math.Round(steps * rate.SecondsPerStep / Math.Max(1, slots)));
        return new ExperimentQueueStatus(
            firstOwn < 0 ? null : firstOwn + 1,
            ahead,
            unfinished.Count(r => r.Status == RunStatus.Running),
            unfinished.Count(r => r.Status == RunStatus.Queued),
            rate,
            remaining,
            now + remaining,
            notPlanned);
    }

    /// <summary>Seconds per step from recorded step times; null with fewer than two consecutive steps in training.</summary>
    public static StepRate? RateOf(int runId, IReadOnlyList<(int Step, DateTimeOffset Timestamp)> latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var ordered = latest.OrderBy(p => p.Step).ToList();
        double seconds = 0;
        var steps = 0;
        for (var i = 1; i < ordered.Count; i++)
        {
            var gap = ordered[i].Timestamp - ordered[i - 1].Timestamp;
            var stepGap = ordered[i].Step - ordered[i - 1].Step;
            if (stepGap > 0 && gap >= TimeSpan.Zero && gap < PauseGap * stepGap)
            {
                seconds += gap.TotalSeconds;
                steps += stepGap;
            }
        }

        return steps == 0 ? null : new StepRate(seconds / steps, runId, steps);
    }

    // Runs of one experiment and one size plan alike (same budget, same data size): the mean of those that have planned.
    private static int? SameSizePlan(IReadOnlyList<ExperimentRunRow> runs, ExperimentRunRow run)
    {
        var planned = runs.Where(r => r.Role == run.Role && r.TrainSize == run.TrainSize && r.PlannedSteps is not null).Select(r => r.PlannedSteps!.Value).ToList();
        return planned.Count == 0 ? null : (int)Math.Round(planned.Average());
    }

    // The experiment's own running runs first (same model), then any running run, then the run that trained last.
    private static async Task<StepRate?> MeasureRateAsync(RegurgitateDbContext context, int experimentId, IReadOnlyList<RunAhead> running, CancellationToken cancellationToken)
    {
        var candidates = running.OrderByDescending(r => r.ExperimentId == experimentId).Select(r => r.RunId).ToList();
        var lastTrained = await context.MetricPoints.AsNoTracking().Where(p => p.Name == MetricNames.TrainLoss)
            .OrderByDescending(p => p.Id).Select(p => (int?)p.RunId).FirstOrDefaultAsync(cancellationToken);
        if (lastTrained is { } id && !candidates.Contains(id))
        {
            candidates.Add(id);
        }

        foreach (var runId in candidates)
        {
            var latest = await context.MetricPoints.AsNoTracking()
                .Where(p => p.RunId == runId && p.Name == MetricNames.TrainLoss)
                .OrderByDescending(p => p.Step).Take(RateWindow)
                .Select(p => new { p.Step, p.Timestamp })
                .ToListAsync(cancellationToken);
            if (RateOf(runId, [.. latest.Select(p => (p.Step, p.Timestamp))]) is { } rate)
            {
                return rate;
            }
        }

        return null;
    }
}
