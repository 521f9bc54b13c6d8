using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>The designer's live summary of the spec: errors by path, or the grid, its cost and its table of seeds.</summary>
public partial class GridPreview
{
    /// <summary>Null while the first preview is computed.</summary>
    [Parameter]
    public DesignPreview? Preview { get; set; }

    internal static string FormatTokens(long tokens) => tokens switch
    {
        >= 1_000_000_000 => (tokens / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " G",
        >= 1_000_000 => (tokens / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M",
        >= 10_000 => (tokens / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " k",
        _ => tokens.ToString("N0", CultureInfo.InvariantCulture),
    };

    internal static string FormatDuration(TimeSpan duration) => duration.TotalMinutes switch
    {
        < 1 => $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))} s",
        < 60 => $"{(int)Math.Round(duration.TotalMinutes)} min",
        < 48 * 60 => $"{(int)duration.TotalHours} h {duration.Minutes} min",
        _ => $"{duration.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days",
    };

    private static string SeedsAt(ExperimentPlan plan, string condition, int size)
    {
        var seeds = plan.Runs.Where(r => r.Condition == condition && r.Size == size).Select(r => r.Seed.ToString(CultureInfo.InvariantCulture)).ToList();
        return seeds.Count == 0 ? "–" : string.Join(", ", seeds);
    }
}
