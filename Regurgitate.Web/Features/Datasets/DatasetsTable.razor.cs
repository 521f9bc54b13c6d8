using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Datasets;

public partial class DatasetsTable
{
    private const string AllKinds = "all";
    private string kindFilter = AllKinds;
    private string? textFilter;

    /// <summary>The catalogue; null while it loads.</summary>
    [Parameter]
    public IReadOnlyList<DatasetRow>? Datasets { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<DatasetRow> Visible =>
        [.. (Datasets ?? []).Where(d => kindFilter == AllKinds || d.Kind.ToString() == kindFilter).Where(Matches)];

    internal static string DatasetLink(string id) => "/datasets/" + string.Join('/', id.Split('/').Select(Uri.EscapeDataString));

    internal static string KindLabel(DatasetKind kind) => kind switch
    {
        DatasetKind.Real => "real",
        DatasetKind.SystemOutput => "system output",
        DatasetKind.Generated => "generated",
        _ => "imported",
    };

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1 << 10 => (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static Color KindColor(DatasetKind kind) => kind switch
    {
        DatasetKind.Real => Color.Primary,
        DatasetKind.SystemOutput => Color.Secondary,
        DatasetKind.Generated => Color.Tertiary,
        _ => Color.Info,
    };

    private bool Matches(DatasetRow row)
    {
        if (string.IsNullOrWhiteSpace(textFilter))
        {
            return true;
        }

        var text = textFilter.Trim();
        return new[] { row.Id, row.Name, row.Origin, row.Licence, row.CorpusId, row.Description }
            .Any(field => field?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
    }

    private void OnKindChanged(string value) => kindFilter = value;

    private void OnTextChanged(string? value) => textFilter = value;

    private async Task CopyAsync(string text)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", text);
            Snackbar.Add("SHA-256 copied", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying; select the checksum on the dataset's page instead.", Severity.Warning);
        }
    }
}
