using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// Tests one selected run against another with the significance service of the <c>/compare</c> page and shows the
/// same table (p-values and bootstrap intervals), with a link to that page for more runs.
/// </summary>
public partial class PairedSignificancePanel : IDisposable
{
    private int? baseline;
    private int? other;
    private bool testing;
    private string? error;
    private RunComparison? result;
    private CancellationTokenSource? cancellation;

    /// <summary>The selected runs.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ComparisonRunRow> Runs { get; set; } = [];

    [Inject]
    private IRunComparisonService Comparisons { get; set; } = default!;

    [Inject]
    private ILogger<PairedSignificancePanel> Logger { get; set; } = default!;

    private bool CanTest => baseline is not null && other is not null && baseline != other;

    protected override void OnParametersSet()
    {
        if (baseline is { } b && Runs.All(r => r.Id != b))
        {
            baseline = null;
        }

        if (other is { } o && Runs.All(r => r.Id != o))
        {
            other = null;
        }

        baseline ??= Runs.Count > 0 ? Runs[0].Id : null;
        other ??= Runs.FirstOrDefault(r => r.Id != baseline)?.Id;
    }

    private async Task TestAsync()
    {
        if (!CanTest)
        {
            return;
        }

        cancellation?.Cancel();
        cancellation?.Dispose();
        var mine = cancellation = new CancellationTokenSource();
        testing = true;
        error = null;
        result = null;
        try
        {
            result = await Comparisons.CompareAsync(baseline!.Value, [other!.Value], ComparisonOptions.Default, mine.Token);
        }
        catch (RunComparisonException ex)
        {
            error = ex.Message;
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // Replaced by a newer test or the page closed.
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            Logger.LogError(ex, "Could not test run {Other} against {Baseline}", other, baseline);
            error = "The runs could not be compared; see the server log.";
        }
        finally
        {
            testing = false;
        }
    }

    public void Dispose()
    {
        cancellation?.Cancel();
        cancellation?.Dispose();
        cancellation = null;
    }
}
