using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Regurgitate.Workbench.Strategies;

namespace Regurgitate.Web.Features.Strategies;

/// <summary>The strategy comparison as a paper table (BLEU and gap closed per size), with LaTeX and Markdown copies.</summary>
public partial class StrategyTable
{
    [Parameter, EditorRequired]
    public StrategyComparison Comparison { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string? RowClass(string condition) =>
        condition == Comparison.RealCondition ? "real" : condition == Comparison.BaselineCondition ? "baseline" : null;

    /// <summary>"closes" when the whole interval lies above 0 % (better than the baseline), "widens" when below.</summary>
    private static string? GapClass(StrategyComparisonRow? row) => row?.Gap switch
    {
        { Lower: > 0 } => "closes",
        { Upper: < 0 } => "widens",
        _ => null,
    };

    private Task CopyLatexAsync() => CopyAsync(StrategyComparisonText.Latex(Comparison), "LaTeX");

    private Task CopyMarkdownAsync() => CopyAsync(StrategyComparisonText.Markdown(Comparison), "Markdown");

    private async Task CopyAsync(string text, string format)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", text);
            Snackbar.Add($"The table was copied as {format}.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying to the clipboard.", Severity.Warning);
        }
    }
}
