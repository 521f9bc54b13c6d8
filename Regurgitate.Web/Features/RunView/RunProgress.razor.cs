using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Features.RunView;

public partial class RunProgress
{
    [Parameter, EditorRequired]
    public RunSnapshot Snapshot { get; set; } = default!;

    private double Percent => StepProgress.Percent(Snapshot.Step, Snapshot.PlannedSteps);

    private string StatusText => Snapshot.Status.ToString();

    public static string FormatDuration(TimeSpan duration) => duration.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min")
        : duration.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes} min {duration.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, duration.Seconds)} s");
}
