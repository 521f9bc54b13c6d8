using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Features.Compare;

/// <summary>The paper-style table of a comparison, with its signatures and LaTeX/Markdown copies.</summary>
public partial class CompareTable
{
    private string latex = string.Empty;
    private string markdown = string.Empty;

    [Parameter, EditorRequired]
    public RunComparison Comparison { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnParametersSet()
    {
        latex = ComparisonTableText.Latex(Comparison);
        markdown = ComparisonTableText.Markdown(Comparison);
    }

    /// <summary>"better" or "worse" for a marked (significant and visible) difference to the baseline, so the cell can be coloured.</summary>
    private string? Direction(int metric, ComparisonScore score)
    {
        if (!ComparisonTableText.IsMarked(score, Comparison.Baseline.Scores[metric]))
        {
            return null;
        }

        var higher = score.Score > Comparison.Baseline.Scores[metric].Score;
        return higher == Comparison.Metrics[metric].HigherIsBetter ? "better" : "worse";
    }

    private Task CopyLatexAsync() => CopyAsync(latex, "LaTeX");

    private Task CopyMarkdownAsync() => CopyAsync(markdown, "Markdown");

    private async Task CopyAsync(string text, string format)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", text);
            Snackbar.Add($"The table was copied as {format}.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add($"The browser did not allow copying; the {format} text is under \"LaTeX and Markdown\".", Severity.Warning);
        }
    }
}
