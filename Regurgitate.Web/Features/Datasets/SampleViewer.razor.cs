using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Datasets;

/// <summary>
/// A page of German sources beside the human reference and the selected systems' targets. Left/Right arrow (or
/// PageUp/PageDown) change the page when the viewer has focus; the Previous/Next buttons do the same.
/// </summary>
public partial class SampleViewer
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private SampleSet? set;
    private string? problem;
    private IReadOnlyList<SampleRow> rows = [];
    private IReadOnlyCollection<string> selected = [];
    private int page;
    private int pageSize = 10;
    private string? openedFor;

    [Parameter, EditorRequired]
    public DatasetRow Dataset { get; set; } = default!;

    [Inject]
    private IDatasetSamples Samples { get; set; } = default!;

    private int LastPage => set is null || set.Total == 0 ? 0 : (set.Total - 1) / pageSize;

    private string PageText => set is null || set.Total == 0
        ? "no rows"
        : string.Create(CultureInfo.InvariantCulture, $"{page * pageSize + 1:N0}–{Math.Min(set.Total, (page + 1) * pageSize):N0} of {set.Total:N0}");

    private IEnumerable<SystemChoice> SelectedSystems =>
        set is null ? [] : selected.Select(id => set.Systems.FirstOrDefault(s => s.Id == id) ?? new SystemChoice(id, id));

    protected override async Task OnParametersSetAsync()
    {
        if (openedFor == Dataset.Id)
        {
            return;
        }

        openedFor = Dataset.Id;
        (set, problem) = await Samples.OpenAsync(Dataset, CancellationToken.None);
        if (set is not null)
        {
            selected = [.. set.DefaultSystems];
            page = 0;
            await LoadAsync();
        }
    }

    private string SelectionText(IReadOnlyList<string> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(v => set?.Systems.FirstOrDefault(s => s.Id == v)?.Name ?? v));

    private async Task LoadAsync()
    {
        if (set is not null)
        {
            rows = await Samples.GetRowsAsync(Dataset, [.. selected], page * pageSize, pageSize, CancellationToken.None);
        }
    }

    private async Task OnSystemsChangedAsync(IReadOnlyCollection<string>? values)
    {
        // Keep the catalogue order, whatever order the user picked them in.
        var chosen = new HashSet<string>(values ?? [], StringComparer.Ordinal);
        selected = [.. set!.Systems.Where(s => chosen.Contains(s.Id)).Select(s => s.Id)];
        await LoadAsync();
    }

    private async Task OnPageSizeChangedAsync(int size)
    {
        var first = page * pageSize;
        pageSize = size;
        page = first / size;
        await LoadAsync();
    }

    private async Task PreviousAsync()
    {
        if (page > 0)
        {
            page--;
            await LoadAsync();
        }
    }

    private async Task NextAsync()
    {
        if (page < LastPage)
        {
            page++;
            await LoadAsync();
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowRight" or "PageDown":
                await NextAsync();
                break;
            case "ArrowLeft" or "PageUp":
                await PreviousAsync();
                break;
            case "Home" when page != 0:
                page = 0;
                await LoadAsync();
                break;
            case "End" when page != LastPage:
                page = LastPage;
                await LoadAsync();
                break;
        }
    }
}
