using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Progress;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// The mechanisms of one experiment measured on the data each run trained on (see <see cref="IMechanismsService"/>):
/// a scatter of test BLEU against each training-set metric, one point per run in its condition's colour (the same as on
/// the learning curve) with the least-squares line over the synthetic runs, the fits with their bootstrap intervals,
/// and the runs' values. The size lives in the address (<c>?size=</c>); the analysis starts by itself off the circuit's
/// thread, shows progress and can be cancelled; a cached one shows at once.
/// </summary>
public partial class MechanismsPanel : IDisposable
{
    private TrainingSetSelection? selection;
    private MechanismsResult? result;
    private IReadOnlyList<MechanismAxis> axes = [];
    private IReadOnlyList<(MechanismAxis Axis, IList<ITrace> Traces)> charts = [];
    private string? error;
    private double progress;
    private string? shownKey;
    private readonly LatestWork work = new();

    [Parameter, EditorRequired]
    public ExperimentDetail Experiment { get; set; } = default!;

    /// <summary>The size asked for in the address; null: the default size.</summary>
    [Parameter]
    public int? Size { get; set; }

    [Inject]
    private IMechanismsService Mechanisms { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<MechanismsPanel> Logger { get; set; } = default!;

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

    /// <summary>The traces of each chart, for tests.</summary>
    public IReadOnlyList<(MechanismAxis Axis, IList<ITrace> Traces)> Charts => charts;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            selection = TrainingSetSelection.Of(Experiment, Size);
        }
        catch (ArgumentException ex)
        {
            work.Cancel();
            selection = TrainingSetSelection.Of(Experiment, null);
            shownKey = null;
            result = null;
            error = ex.Message;
            return;
        }

        if (selection.Key == shownKey && (result is not null || work.Running))
        {
            return;
        }

        work.Cancel();
        shownKey = selection.Key;
        result = null;
        error = null;
        if (selection.Size is null)
        {
            return;
        }

        if (Mechanisms.TryGetCached(Experiment, Size) is { } cached)
        {
            Show(cached);
            return;
        }

        await AnalyzeAsync();
    }

    private async Task AnalyzeAsync()
    {
        var token = work.Start();
        progress = 0;
        var lastShown = 0.0;
        var reporter = new SynchronousProgress<double>(value =>
        {
            progress = value;
            if (value - lastShown >= 0.02)
            {
                lastShown = value;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            var analysed = await Mechanisms.AnalyzeAsync(Experiment, Size, reporter, token);
            if (!token.IsCancellationRequested)
            {
                Show(analysed);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled, another size chosen, or the page left.
        }
        catch (Exception ex) when (!token.IsCancellationRequested && ex is ArgumentException or InvalidOperationException or IOException or CorpusFormatException)
        {
            Logger.LogWarning(ex, "Could not analyse the mechanisms of experiment {Id}", Experiment.Id);
            error = ex.Message;
        }
        finally
        {
            work.Finish(token);
        }
    }

    private void Show(MechanismsResult analysed)
    {
        result = analysed;
        axes = MechanismAxis.All(analysed.ChrFThreshold, analysed.TokenBudget);
        charts = [.. axes.Select(axis => (axis, (IList<ITrace>)[.. BuildTraces(analysed, axis, DarkMode)]))];
    }

    /// <summary>One marker trace per condition (grid order, the learning curve's colours and symbols), then the least-squares line over the synthetic runs.</summary>
    public static IReadOnlyList<Scatter> BuildTraces(MechanismsResult result, MechanismAxis axis, bool dark)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(axis);
        var order = result.Selection.Conditions.Concat(result.Points.Select(p => p.Condition)).Distinct().ToList();
        var traces = new List<Scatter>();
        foreach (var condition in order)
        {
            var points = result.Points.Where(p => p.Condition == condition).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            traces.Add(new Scatter
            {
                Name = points.All(p => p.IsReal) ? $"{condition} (not in the fit)" : condition,
                Mode = ModeFlag.Markers,
                X = points.Select(p => (object)axis.Display(p)).ToList(),
                Y = points.Select(p => (object)p.Bleu).ToList(),
                TextArray = points.Select(p => string.Create(CultureInfo.InvariantCulture, $"seed {p.Seed} (#{p.RunId})")).ToList(),
                Marker = new Marker
                {
                    Size = 10,
                    Color = ConditionPalette.ColorOf(condition, order, dark),
                    Symbol = ConditionPalette.PlotlySymbolOf(condition, order),
                },
                HoverTemplate = "%{fullData.name}, %{text}: x %{x:.2f}, BLEU %{y:" + ScoreText.PlotlyFormat + "}<extra></extra>",
            });
        }

        var synthetic = result.Points.Where(p => !p.IsReal).ToList();
        var fit = result.Fits.Single(f => f.Metric == axis.Metric).Fit;
        if (fit.Slope is { } slope && synthetic.Count > 0)
        {
            var meanX = synthetic.Average(p => p.Value(axis.Metric));
            var intercept = synthetic.Average(p => p.Bleu) - (slope.Value * meanX);
            double[] ends = [synthetic.Min(p => p.Value(axis.Metric)), synthetic.Max(p => p.Value(axis.Metric))];
            traces.Add(new Scatter
            {
                Name = "least-squares fit (synthetic runs)",
                Mode = ModeFlag.Lines,
                X = ends.Select(x => (object)(axis.Scale * x)).ToList(),
                Y = ends.Select(x => (object)(intercept + (slope.Value * x))).ToList(),
                Line = new Line { Color = dark ? "#bdbdbd" : "#757575", Dash = "dash", Width = 1.5m },
                HoverInfo = HoverInfoFlag.Skip,
            });
        }

        return traces;
    }

    private void OnSizeChanged(int? size) =>
        Navigation.NavigateTo(size is { } s ? FormattableString.Invariant($"/experiments/{Experiment.Id}/mechanisms?size={s}") : $"/experiments/{Experiment.Id}/mechanisms");

    private static string SizeNote(TrainingSetSelection s) =>
        s.Size == s.DefaultSize
            ? s.DefaultCoversEveryCondition
                ? "the largest size at which every condition has a completed run"
                : "no size has a completed run of every condition yet: the largest size with any"
            : string.Create(CultureInfo.InvariantCulture, $"chosen; the default is {s.DefaultSize:N0}");

    private static string Summary(MechanismsResult r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.Points.Count} run(s) at size {r.Selection.Size:N0}, {r.FitRuns} of them with synthetic data (in the fits); rarefied vocabulary at {r.TokenBudget:N0} tokens (the smallest training set's); measured in {r.Elapsed.TotalSeconds:F1} s.");

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private void Cancel() => work.Cancel();

    public void Dispose() => work.Dispose();
}
