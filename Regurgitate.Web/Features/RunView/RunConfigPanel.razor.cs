using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace Regurgitate.Web.Features.RunView;

public partial class RunConfigPanel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Parameter, EditorRequired]
    public string ConfigJson { get; set; } = string.Empty;

    private string PrettyJson => JsonSerializer.Serialize(JsonDocument.Parse(ConfigJson).RootElement, Indented);
}
