using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.NewRun;

public partial class NewRunForm
{
    [Inject]
    private IDatasetCatalog Datasets { get; set; } = default!;

    [Parameter, EditorRequired]
    public NewRunModel Model { get; set; } = default!;

    [Parameter]
    public bool Submitting { get; set; }

    [Parameter]
    public EventCallback OnValidSubmit { get; set; }

    private void OnPresetChanged(ModelPreset preset) => Model.ApplyPreset(preset);
}
