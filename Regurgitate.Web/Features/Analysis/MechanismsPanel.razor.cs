using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// The study's two mechanisms on the user's own experiment: each condition's training-data error rate and MTLD
/// against its final BLEU, as labelled scatter plots with Pearson r (see <see cref="ConditionMechanisms"/>).
/// Analyses on demand (it reads every synthetic set); a cached analysis shows straight away.
/// </summary>
public partial class MechanismsPanel : IDisposable
{
    private IReadOnlyList<string> setIds = [];
    private MechanismsResult? result;
    private IList<ITrace> errorTraces = [];
    private IList<ITrace> mtldTraces = [];
    private string? error;
    private bool running;
    private double progress;
    private CancellationTokenSource? cancellation;

    [Parameter, EditorRequired]
    public ExperimentSpec Spec { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<ExperimentRunRow> Runs { get; set; } = [];

    [Inject]
    private IDatasetAnalysisService Analyses { get; set; } = default!;

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

    private double ChrFThreshold => new Regurgitate.Engine.Analysis.ErrorAnalysisOptions().ChrFThreshold;

    private DatasetAnalysisRequest Request => new(Spec.CorpusId, setIds);

    protected override void OnParametersSet()
    {
        try
        {
            setIds = ConditionMechanisms.SetIds(Spec);
        }
        catch (ExperimentSpecException ex)
        {
            setIds = [];
            error = ex.Message;
            return;
        }

        if (result is null && setIds.Count > 0 && Analyses.TryGetCached(Request) is { } cached)
        {
            Show(cached);
        }
    }

    private async Task RunAsync()
    {
        cancellation?.Cancel();
        cancellation?.Dispose();
        var mine = cancellation = new CancellationTokenSource();
        running = true;
        error = null;
        var lastShown = 0.0;
        var reporter = new Reporter(value =>
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
            Show(await Analyses.AnalyzeAsync(Request, reporter, mine.Token));
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // Left the page.
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            error = ex.Message;
        }
        finally
        {
            running = false;
        }
    }

    private void Show(DatasetAnalysis analysis)
    {
        result = ConditionMechanisms.Build(Spec, Runs, analysis);
        var order = result.Points.Select(p => p.Condition).ToList();
        var scored = result.Points.Where(p => p.Bleu is not null).ToList();
        errorTraces = [Trace(scored, p => 100 * p.ErrorRate, order)];
        mtldTraces = [Trace(scored, p => p.Mtld, order)];
    }

    private Scatter Trace(IReadOnlyList<ConditionPoint> points, Func<ConditionPoint, double> x, IReadOnlyList<string> order) => new()
    {
        Name = "conditions",
        Mode = ModeFlag.Markers | ModeFlag.Text,
        X = points.Select(p => (object)x(p)).ToList(),
        Y = points.Select(p => (object)p.Bleu!.Value).ToList(),
        TextArray = points.Select(p => p.Condition == ConditionPalette.RealCondition ? "real (reference)" : p.Condition).ToList(),
        TextPosition = TextPositionEnum.TopCenter,
        Marker = new Marker
        {
            Size = 11,
            ColorArray = points.Select(p => (object)ConditionPalette.ColorOf(p.Condition, order, DarkMode)).ToList(),
        },
        HoverTemplate = "%{text}: x %{x:.2f}, BLEU %{y:.2f}<extra></extra>",
    };

    private static string R(double? r) => r?.ToString("F2", CultureInfo.InvariantCulture) ?? "n/a";

    public void Dispose()
    {
        cancellation?.Cancel();
        cancellation?.Dispose();
    }

    private sealed class Reporter(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
