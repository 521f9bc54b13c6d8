using Regurgitate.Cli.Commands;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Tests;

/// <summary><c>regurgitate run</c> prints a run's planned steps as soon as it has planned them, and never the configuration's cap as a plan.</summary>
public sealed class ActiveRunReportTests
{
    private const int Cap = 100_000;

    private static ExperimentRunRow Row(int id, RunStatus status, int lastStep = 0, int maxSteps = Cap, int? pairs = null, long? tokens = null) =>
        new(id, RunRole.Grid, "real", 1_000, 1, 1.0, status, lastStep, maxSteps, "Training", null, null, null, null, null, null, pairs, 0, tokens, null);

    [Fact]
    public void The_planned_steps_are_printed_once_at_the_first_look_after_the_run_planned_them()
    {
        var report = new ActiveRunReport(TimeSpan.FromSeconds(15));

        Assert.Empty(report.Lines([Row(7, RunStatus.Queued)], TimeSpan.FromSeconds(2)));
        var planned = report.Lines([Row(7, RunStatus.Running, maxSteps: 240, pairs: 996, tokens: 41_234)], TimeSpan.FromSeconds(4));
        var again = report.Lines([Row(7, RunStatus.Running, lastStep: 3, maxSteps: 240, pairs: 996, tokens: 41_234)], TimeSpan.FromSeconds(6));

        Assert.Equal("[00:04]   run 7 (real, 1,000 pairs, seed 1): plans 240 steps (41,234 target tokens, 996 training pairs)", Assert.Single(planned));
        Assert.Empty(again);
    }

    [Fact]
    public void Progress_lines_show_the_planned_steps_or_say_they_are_not_known_never_the_cap()
    {
        var report = new ActiveRunReport(TimeSpan.FromSeconds(15));
        report.Lines([Row(7, RunStatus.Running), Row(8, RunStatus.Running, lastStep: 12, maxSteps: 240, pairs: 996)], TimeSpan.FromSeconds(2));

        var lines = report.Lines([Row(7, RunStatus.Running), Row(8, RunStatus.Running, lastStep: 12, maxSteps: 240, pairs: 996)], TimeSpan.FromSeconds(17));

        Assert.Equal(2, lines.Count);
        Assert.Contains("run 7 (real, 1,000 pairs, seed 1): step planned steps not known yet", lines[0], StringComparison.Ordinal);
        Assert.Contains("run 8 (real, 1,000 pairs, seed 1): step 12 / 240", lines[1], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.DoesNotContain("100", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_finished_before_the_command_started_are_not_announced()
    {
        var report = new ActiveRunReport(TimeSpan.FromSeconds(15));

        Assert.Empty(report.Lines([Row(3, RunStatus.Completed, lastStep: 240, maxSteps: 240, pairs: 996)], TimeSpan.FromSeconds(2)));
    }
}
