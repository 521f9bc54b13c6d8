using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>Collects seeds to add to a finished or stopped experiment; seeds it has already are not offered twice.</summary>
public partial class AddSeedsForm
{
    private IReadOnlyList<int> pending = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<int> ExistingSeeds { get; set; } = [];

    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Raised with the new seeds (none of <see cref="ExistingSeeds"/>) when the user adds them.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<int>> OnAdd { get; set; }

    private void OnPendingChanged(IReadOnlyList<int> values) => pending = [.. values.Where(v => !ExistingSeeds.Contains(v))];

    private async Task AddAsync()
    {
        var seeds = pending;
        pending = [];
        await OnAdd.InvokeAsync(seeds);
    }
}
