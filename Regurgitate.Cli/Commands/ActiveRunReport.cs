using System.Globalization;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// What <c>regurgitate run</c> prints about its experiment's runs while they train: each run's planned steps once, as
/// soon as the run has planned them from its budget, and every <paramref name="progressInterval"/> one line per running
/// run with its step out of the planned steps (never the configuration's cap).
/// </summary>
public sealed class ActiveRunReport(TimeSpan progressInterval)
{
    private readonly HashSet<int> plansPrinted = [];
    private bool first = true;
    private TimeSpan lastProgress;

    public IReadOnlyList<string> Lines(IReadOnlyList<ExperimentRunRow> runs, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (first)
        {
            // Runs that had finished before this command started planned long ago: their plans are not news.
            first = false;
            lastProgress = elapsed;
            plansPrinted.UnionWith(runs.Where(r => r.Status is not (RunStatus.Queued or RunStatus.Running)).Select(r => r.RunId));
        }

        var lines = new List<string>();
        foreach (var run in runs.Where(r => r.PlannedSteps is not null && plansPrinted.Add(r.RunId)))
        {
            var budget = run is { TargetTokens: { } tokens, TrainingPairs: { } pairs }
                ? string.Create(CultureInfo.InvariantCulture, $" ({tokens:N0} target tokens, {pairs:N0} training pairs)")
                : string.Empty;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"[{Format(elapsed)}]   run {run.RunId} ({What(run)}): plans {run.PlannedSteps:N0} steps{budget}"));
        }

        if (elapsed - lastProgress >= progressInterval)
        {
            lastProgress = elapsed;
            lines.AddRange(runs.Where(r => r.Status == RunStatus.Running).Select(run =>
                $"[{Format(elapsed)}]   run {run.RunId} ({What(run)}): step {StepProgress.Describe(run.LastStep, run.PlannedSteps)} — {run.PhaseMessage}"));
        }

        return lines;
    }

    private static string What(ExperimentRunRow run) => run.Role is RunRole.Generator or RunRole.Scorer or RunRole.Pretraining
        ? $"{run.Role.ToString().ToLowerInvariant()} {run.Condition}"
        : string.Create(CultureInfo.InvariantCulture, $"{run.Condition}, {run.TrainSize:N0} pairs, seed {run.Seed}");

    private static string Format(TimeSpan time) => time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
