using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Datasets;

public partial class DatasetPage
{
    private DatasetRow? dataset;
    private bool loaded;
    private List<BreadcrumbItem> breadcrumbs = [];

    /// <summary>The dataset id; may contain '/' (e.g. <c>wmt22/GPT-4</c>), hence the catch-all route.</summary>
    [Parameter]
    public string Id { get; set; } = string.Empty;

    [Inject]
    private IDatasetCatalog Catalog { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var id = Uri.UnescapeDataString(Id ?? string.Empty);
        dataset = await Catalog.GetAsync(id, CancellationToken.None);
        loaded = true;
        breadcrumbs = [new BreadcrumbItem("Datasets", "/datasets"), new BreadcrumbItem(id, null, disabled: true)];
    }
}
