using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Regurgitate.Workbench.Mitigation;

namespace Regurgitate.Web.Features.Mitigation;

/// <summary>The strategy comparison as a paper table (BLEU, Δ BLEU and gap closed per size), with LaTeX and Markdown copies.</summary>
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

    /// <summary>"above" when the whole bootstrap interval of the difference lies above 0 (better than the baseline), "below" when below; "few-seeds" when too few seeds make it meaningless.</summary>
    private static string? DifferenceClass(StrategyComparisonRow? row) => row?.Difference switch
    {
        { IntervalsMeaningful: false } => "few-seeds",
        { Bootstrap.Lower: > 0 } => "above",
        { Bootstrap.Upper: < 0 } => "below",
        _ => null,
    };

    private static string? DifferenceTitle(StrategyComparisonRow? row) => row?.Difference is { } difference
        ? string.Create(CultureInfo.InvariantCulture, $"{difference.Seeds} seeds paired with the baseline; first the bootstrap interval, then (after t) Student's t over the per-seed differences")
        : null;

    /// <summary>"above"/"below" when the share's interval lies clear of 0 %; "no-gap" when real data is not better than the baseline.</summary>
    private static string? GapClass(StrategyComparisonRow? row) => row?.Gap switch
    {
        { Share: null } => "no-gap",
        { Share.Interval.Lower: > 0 } => "above",
        { Share.Interval.Upper: < 0 } => "below",
        _ => null,
    };

    private string? GapTitle(StrategyComparisonRow? row) => row?.Gap switch
    {
        { Share: null, RealMinusBaseline: var gap } => $"Real − baseline in BLEU on these seeds: {StrategyComparisonText.Difference(gap)}; an interval reaches 0, so there is no measurable gap to close.",
        { Share.UnboundedResamples: > 0 and var unbounded } => string.Create(CultureInfo.InvariantCulture, $"In {unbounded} of {Comparison.Resamples:N0} resamples real data was not better than the baseline; they count as ±∞."),
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
