using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Features.NewRun;

public partial class NewRunForm
{
    [Parameter, EditorRequired]
    public NewRunModel Model { get; set; } = default!;

    [Parameter]
    public bool Submitting { get; set; }

    [Parameter]
    public EventCallback OnValidSubmit { get; set; }

    private void OnPresetChanged(ModelPreset preset) => Model.ApplyPreset(preset);
}
