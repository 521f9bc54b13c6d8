using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Web.Features.RunView;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Why an experiment with unfinished runs waits (its place in the queue and what runs before it) and when its whole
/// grid should be done, with the experiment's priority and the buttons that move all its runs.
/// </summary>
public partial class ExperimentQueuePanel
{
    [Parameter, EditorRequired]
    public ExperimentQueueStatus Status { get; set; } = default!;

    [Parameter]
    public int Priority { get; set; }

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The new priority the researcher asked for.</summary>
    [Parameter]
    public EventCallback<int> PriorityChanged { get; set; }

    private string Summary => Status.Position is { } position
        ? Status.RunsRunning > 0
            ? Invariant($"{Runs(Status.RunsRunning)} running; the next of its {Status.RunsQueued} queued is number {position} in the queue.")
            : Invariant($"Waiting: its next run is number {position} in the queue ({Status.RunsQueued} of its runs queued).")
        : Invariant($"{Runs(Status.RunsRunning)} running, none queued.");

    private string Eta
    {
        get
        {
            if (Status is not { Remaining: { } remaining, Rate: { } rate })
            {
                return "No estimate of the grid's end yet: no run has recorded training steps to measure the speed by.";
            }

            var when = Status.ExpectedAt is { } at ? Invariant($" (around {at.ToLocalTime():HH:mm})") : string.Empty;
            var lowerBound = Status.RunsNotPlanned > 0
                ? Invariant($" At least: {Runs(Status.RunsNotPlanned)} ha{(Status.RunsNotPlanned == 1 ? "s" : "ve")} not planned {(Status.RunsNotPlanned == 1 ? "its" : "their")} steps yet.")
                : string.Empty;
            return Invariant($"Whole grid done in about {RunProgress.FormatDuration(remaining)}{when}, at {rate.SecondsPerStep:0.###} s per step measured over the last {rate.Steps} steps of run #{rate.RunId}.{lowerBound}");
        }
    }

    private static string Describe(RunAhead run) => run.Status == RunStatus.Running
        ? Invariant($"run #{run.RunId} running, step {StepProgress.Describe(run.LastStep, run.PlannedSteps)}")
        : Invariant($"run #{run.RunId} queued ({(run.PlannedSteps is { } steps ? $"{steps:N0} steps" : StepProgress.NotKnownYet)})");

    private static string Runs(int count) => Invariant($"{count} run{(count == 1 ? "" : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
