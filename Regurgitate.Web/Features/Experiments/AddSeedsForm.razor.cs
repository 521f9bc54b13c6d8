using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Collects seeds to add to a finished or stopped experiment; seeds it has already are not offered twice. Until the user
/// edits the list, it holds as many new seeds as the seed plan says the largest size needs to resolve the plan's
/// difference (counted against the spec's seeds, so seeds added but not yet trained are not asked for again).
/// </summary>
public partial class AddSeedsForm
{
    private IReadOnlyList<int> pending = [];
    private bool edited;

    [Parameter, EditorRequired]
    public IReadOnlyList<int> ExistingSeeds { get; set; } = [];

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>The experiment's seed plan; without one (or without a plan at the largest size) nothing is suggested.</summary>
    [Parameter]
    public ExperimentSeedPlan? Plan { get; set; }

    /// <summary>Raised with the new seeds (none of <see cref="ExistingSeeds"/>) when the user adds them.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<int>> OnAdd { get; set; }

    /// <summary>New seeds the plan asks for: the next whole numbers after the largest seed.</summary>
    private static IReadOnlyList<int> Suggested(IReadOnlyList<int> existing, ExperimentSeedPlan? plan)
    {
        var more = plan?.SeedsNeededAtLargestSize is { } needed ? Math.Max(0, needed - existing.Count) : 0;
        var next = existing.Count == 0 ? 1 : existing.Max() + 1;
        return [.. Enumerable.Range(next, more)];
    }

    protected override void OnParametersSet()
    {
        if (!edited)
        {
            pending = Suggested(ExistingSeeds, Plan);
        }
    }

    private string? SuggestionText => !edited && pending.Count > 0 && Plan is { } plan
        ? string.Create(CultureInfo.InvariantCulture, $"Filled in from the seed plan: {pending.Count} more seed{(pending.Count == 1 ? "" : "s")} to resolve {plan.Difference:0.##} BLEU at {plan.Sizes[^1].Size:N0} pairs.")
        : null;

    private void OnPendingChanged(IReadOnlyList<int> values)
    {
        edited = true;
        pending = [.. values.Where(v => !ExistingSeeds.Contains(v))];
    }

    private async Task AddAsync()
    {
        var seeds = pending;
        pending = [];
        edited = false;
        await OnAdd.InvokeAsync(seeds);
    }
}
