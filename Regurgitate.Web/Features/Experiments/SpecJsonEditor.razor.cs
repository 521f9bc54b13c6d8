using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The spec as the JSON file the command line reads, editable. Text that parses is applied to the form even when the
/// spec is not valid yet (the errors are listed by JSON path, as in the preview); malformed JSON or unknown fields
/// are not applied, and the message names the line and position.
/// </summary>
public partial class SpecJsonEditor
{
    private ExperimentSpec? shown;
    private string text = string.Empty;
    private IReadOnlyList<RunConfigError> errors = [];
    private bool applied;
    private bool dirty;

    [Parameter, EditorRequired]
    public ExperimentSpec Spec { get; set; } = default!;

    [Parameter]
    public EventCallback<ExperimentSpec> SpecChanged { get; set; }

    /// <summary>Result of reading JSON text: the spec when it is well-formed, and every problem.</summary>
    public static (ExperimentSpec? Spec, IReadOnlyList<RunConfigError> Errors) Read(string json)
    {
        try
        {
            return (ExperimentSpecJson.Parse(json), []);
        }
        catch (ExperimentSpecException ex)
        {
            return (Deserialize(json), ex.Errors);
        }
    }

    protected override void OnParametersSet()
    {
        // A spec from outside (the form, a template) replaces the text; the spec this editor just applied does not,
        // so the user's formatting and comments stay while they type.
        if (!ReferenceEquals(Spec, shown))
        {
            shown = Spec;
            text = ExperimentSpecJson.Serialize(Spec);
            errors = [];
            dirty = false;
        }
    }

    private async Task OnTextChanged(string? value)
    {
        text = value ?? string.Empty;
        dirty = true;
        await ApplyAsync();
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && e.CtrlKey)
        {
            await ApplyAsync();
        }
    }

    private async Task ApplyAsync()
    {
        var (spec, problems) = Read(text);
        errors = problems;
        applied = spec is not null;
        if (spec is not null)
        {
            shown = spec;
            dirty = false;
            await SpecChanged.InvokeAsync(spec);
        }
    }

    private void Reset()
    {
        text = ExperimentSpecJson.Serialize(Spec);
        shown = Spec;
        errors = [];
        dirty = false;
    }

    private static ExperimentSpec? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ExperimentSpec>(json, ExperimentSpecJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
