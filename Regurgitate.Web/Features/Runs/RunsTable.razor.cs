using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Features.Runs;

public partial class RunsTable
{
    /// <summary>The runs to list; null while they are loading.</summary>
    [Parameter]
    public IReadOnlyList<RunSummary>? Runs { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    private void Open(RunSummary? run)
    {
        if (run is not null)
        {
            Navigation.NavigateTo($"/runs/{run.Id}");
        }
    }
}
