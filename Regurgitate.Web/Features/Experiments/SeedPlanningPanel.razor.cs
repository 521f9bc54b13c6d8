using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Seed planning for an experiment (see <see cref="SeedPlanning"/>): per training size, the difference detectable with
/// the seeds so far and the seeds that would resolve the difference typed here. The page owns the difference (it keeps
/// it in the URL as <c>?resolve=</c>) and recomputes the plan when it changes.
/// </summary>
public partial class SeedPlanningPanel
{
    public const double MinDifference = 0.01;

    public const double MaxDifference = 100;

    /// <summary>The query parameter that keeps the difference in the page URL.</summary>
    public const string QueryName = "resolve";

    [Parameter, EditorRequired]
    public ExperimentSeedPlan Plan { get; set; } = default!;

    [Parameter]
    public EventCallback<double> DifferenceChanged { get; set; }

    /// <summary>The difference from the URL; <see cref="SeedPlanning.DefaultDifference"/> when absent or out of range.</summary>
    public static double ParseDifference(string? query) =>
        double.TryParse(query, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= MinDifference and <= MaxDifference
            ? value
            : SeedPlanning.DefaultDifference;

    /// <summary>The URL value for a difference; null (left out) for the default.</summary>
    public static string? QueryValue(double difference) =>
        difference == SeedPlanning.DefaultDifference ? null : difference.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private async Task OnDifferenceChanged(double value)
    {
        if (value is >= MinDifference and <= MaxDifference && value != Plan.Difference)
        {
            await DifferenceChanged.InvokeAsync(value);
        }
    }
}
