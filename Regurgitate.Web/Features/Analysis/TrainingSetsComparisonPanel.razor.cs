using System.Globalization;
using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// Compare datasets on the training sets of an experiment's runs (see <see cref="ITrainingSetComparisonService"/>): the
/// size and sample live in the address (<see cref="AnalysisUrl.ForExperiment"/>); the comparison runs when Run is
/// pressed (or shows at once when cached), off the circuit's thread, with progress and Cancel.
/// </summary>
public partial class TrainingSetsComparisonPanel : IDisposable
{
    private ExperimentDetail? experiment;
    private TrainingSetSelection? selection;
    private TrainingSetComparison? comparison;
    private string? loadError;
    private string? error;
    private double progress;
    private readonly LatestWork work = new();

    [Parameter, EditorRequired]
    public int ExperimentId { get; set; }

    [Parameter]
    public int? Size { get; set; }

    [Parameter]
    public int? Sample { get; set; }

    [Inject]
    private IExperimentQueries Experiments { get; set; } = default!;

    [Inject]
    private ITrainingSetComparisonService Comparisons { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<TrainingSetsComparisonPanel> Logger { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        work.Cancel();
        comparison = null;
        error = null;
        if (experiment?.Id != ExperimentId)
        {
            experiment = null;
            loadError = null;
            try
            {
                experiment = await Experiments.GetAsync(ExperimentId, CancellationToken.None);
                loadError = experiment is null ? $"There is no experiment #{ExperimentId}." : null;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                Logger.LogError(ex, "Could not load experiment {Id}", ExperimentId);
                loadError = $"Experiment #{ExperimentId} could not be loaded; see the server log.";
            }
        }

        if (experiment is null)
        {
            return;
        }

        try
        {
            selection = TrainingSetSelection.Of(experiment, Size);
            comparison = Comparisons.TryGetCached(experiment, Size, Sample);
        }
        catch (ArgumentException ex)
        {
            selection = TrainingSetSelection.Of(experiment, null);
            error = ex.Message;
        }
    }

    private async Task RunAsync()
    {
        if (experiment is null)
        {
            return;
        }

        var token = work.Start();
        progress = 0;
        error = null;
        comparison = null;
        var reporter = new SynchronousProgress<double>(value =>
        {
            progress = value;
            _ = InvokeAsync(StateHasChanged);
        });
        try
        {
            var result = await Comparisons.CompareAsync(experiment, Size, Sample, reporter, token);
            if (!token.IsCancellationRequested)
            {
                comparison = result;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled, another choice made, or the page left.
        }
        catch (Exception ex) when (!token.IsCancellationRequested && ex is ArgumentException or InvalidOperationException or IOException or CorpusFormatException)
        {
            Logger.LogWarning(ex, "Could not compare the training sets of experiment {Id}", ExperimentId);
            error = ex.Message;
        }
        finally
        {
            work.Finish(token);
        }
    }

    private void OnSizeChanged(int? size) => Navigation.NavigateTo(AnalysisUrl.ForExperiment(ExperimentId, size, Sample));

    private void OnSampleChanged(int? sample) => Navigation.NavigateTo(AnalysisUrl.ForExperiment(ExperimentId, Size, sample));

    private static string Summary(TrainingSetComparison c) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Size {c.Selection.Size:N0}: {c.Runs.Count} training set(s), {c.Report.SampleSize:N0} pairs per side (seed {c.Report.Seed}); the human side samples the {c.ReferencePairs:N0} distinct sources they trained on; computed in {c.Report.Elapsed.TotalSeconds:F1} s.");

    private void Cancel() => work.Cancel();

    public void Dispose() => work.Dispose();
}
