using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// Compares runs against a baseline. The choice lives in the address (<see cref="CompareUrl"/>): picking runs
/// navigates, and the comparison follows the query parameters. A new choice cancels a comparison still in progress.
/// </summary>
public partial class ComparePage : IDisposable
{
    private IReadOnlyList<ComparisonCandidate>? candidates;
    private IReadOnlyList<int> selectedRuns = [];
    private RunComparison? comparison;
    private string? loadError;
    private string? comparisonError;
    private bool comparing;
    private (int? Baseline, string Runs)? shown;
    private CancellationTokenSource? cancellation;

    [SupplyParameterFromQuery(Name = "baseline")]
    public int? Baseline { get; set; }

    [SupplyParameterFromQuery(Name = "runs")]
    public string? Runs { get; set; }

    [Inject]
    private IRunComparisonService Comparisons { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<ComparePage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            candidates = await Comparisons.ListCandidatesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            Logger.LogError(ex, "Could not list the runs to compare");
            candidates = [];
            loadError = "The runs could not be loaded; see the server log.";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        selectedRuns = CompareUrl.ParseRuns(Runs, Baseline);
        var request = (Baseline, string.Join(',', selectedRuns.Select(r => r.ToString(CultureInfo.InvariantCulture))));
        if (shown == request)
        {
            return;
        }

        shown = request;
        cancellation?.Cancel();
        cancellation?.Dispose();
        cancellation = null;
        comparison = null;
        comparisonError = null;
        comparing = false;
        if (Baseline is not { } baseline || selectedRuns.Count == 0)
        {
            return;
        }

        var mine = cancellation = new CancellationTokenSource();
        comparing = true;
        try
        {
            var result = await Comparisons.CompareAsync(baseline, selectedRuns, ComparisonOptions.Default, mine.Token);
            if (!mine.IsCancellationRequested)
            {
                comparison = result;
            }
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // A newer choice replaced this one.
        }
        catch (RunComparisonException ex) when (!mine.IsCancellationRequested)
        {
            comparisonError = ex.Message;
        }
        catch (Exception ex) when (!mine.IsCancellationRequested && ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            Logger.LogError(ex, "Could not compare run {Baseline} with {Runs}", baseline, Runs);
            comparisonError = "The runs could not be compared; see the server log.";
        }
        finally
        {
            if (ReferenceEquals(cancellation, mine))
            {
                comparing = false;
            }
        }
    }

    public void Dispose()
    {
        cancellation?.Cancel();
        cancellation?.Dispose();
        cancellation = null;
    }

    private void OnBaselineChanged(int? baseline) =>
        Navigation.NavigateTo(CompareUrl.Build(baseline, selectedRuns));

    private void OnRunsChanged(IEnumerable<int> runs) =>
        Navigation.NavigateTo(CompareUrl.Build(Baseline, OrderedAsBefore(runs)));

    // Newly picked runs go last, so the table keeps its rows where they were.
    private List<int> OrderedAsBefore(IEnumerable<int> runs)
    {
        var picked = runs.ToHashSet();
        return [.. selectedRuns.Where(picked.Contains), .. picked.Where(r => !selectedRuns.Contains(r)).Order()];
    }

    private string Describe(int? runId) => runId is { } id
        ? candidates?.FirstOrDefault(c => c.Run.RunId == id) is { } candidate ? Describe(candidate) : $"#{id}"
        : string.Empty;

    private string DescribeSelection(IReadOnlyList<string> _) =>
        string.Join(", ", selectedRuns.Select(id => candidates?.FirstOrDefault(c => c.Run.RunId == id) is { } c ? $"#{id} {c.Run.Name}" : $"#{id}"));

    private static string Describe(ComparisonCandidate candidate)
    {
        var run = candidate.Run;
        var bleu = candidate.TestBleu is { } b ? "BLEU " + ScoreText.Format(b) : "no test BLEU";
        var text = $"#{run.RunId} · {run.ExperimentName}{(string.IsNullOrWhiteSpace(run.Condition) ? "" : " · " + run.Condition)} · {run.Details} · {bleu}";
        return candidate.HasTestOutputs ? text : text + " · no test translations";
    }
}
