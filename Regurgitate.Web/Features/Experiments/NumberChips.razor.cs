using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// A list of numbers as chips: type one or several (separated by commas or spaces) and press Enter or leave the
/// field. A chip is removed with its close button, or by keyboard: Tab reaches each chip, Delete or Backspace removes
/// it and moves focus to the chip that took its place (the field when none is left). Range checks are the spec validator's job, so 3 is accepted here and
/// reported by the preview under its JSON path; only text that is no number at all is refused on the spot.
/// </summary>
public partial class NumberChips<T>
{
    private static readonly char[] Separators = [',', ';', ' ', '\t'];
    private string draft = string.Empty;
    private string? error;
    private ElementReference[] chipElements = [];
    private MudTextField<string>? field;
    private int? focusAfterRender;

    [Parameter, EditorRequired]
    public IReadOnlyList<T> Values { get; set; } = [];

    [Parameter]
    public EventCallback<IReadOnlyList<T>> ValuesChanged { get; set; }

    [Parameter, EditorRequired]
    public string Label { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string InputId { get; set; } = string.Empty;

    [Parameter]
    public string? HelperText { get; set; }

    protected override void OnParametersSet() => Array.Resize(ref chipElements, Values.Count);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusAfterRender is not { } index)
        {
            return;
        }

        focusAfterRender = null;
        if (Values.Count > 0)
        {
            await chipElements[Math.Min(index, Values.Count - 1)].FocusAsync();
        }
        else if (field is not null)
        {
            await field.FocusAsync();
        }
    }

    private static string Format(T value) => value.ToString(null, CultureInfo.InvariantCulture);

    private void OnDraftChanged(string? value)
    {
        draft = value ?? string.Empty;
        error = null;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter")
        {
            await CommitAsync();
        }
    }

    private Task OnBlurAsync(FocusEventArgs e) => CommitAsync();

    private async Task CommitAsync()
    {
        var tokens = draft.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0)
        {
            return;
        }

        var parsed = new List<T>();
        foreach (var token in tokens)
        {
            if (!T.TryParse(token, CultureInfo.InvariantCulture, out var value))
            {
                error = $"'{token}' is not a number.";
                return;
            }

            parsed.Add(value);
        }

        draft = string.Empty;
        error = null;
        await ValuesChanged.InvokeAsync([.. Values, .. parsed.Where(v => !Values.Contains(v)).Distinct()]);
    }

    private Task RemoveAsync(int index) => ValuesChanged.InvokeAsync([.. Values.Where((_, i) => i != index)]);

    private Task OnChipKeyDownAsync(KeyboardEventArgs e, int index)
    {
        if (e.Key is not ("Delete" or "Backspace"))
        {
            return Task.CompletedTask;
        }

        focusAfterRender = index;
        return RemoveAsync(index);
    }
}
