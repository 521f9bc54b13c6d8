using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Features.RunView;

/// <summary>
/// One run: its stored history first (for a resumed run, the earlier attempts' points too), then live updates. Updates arrive on the coordinator's thread and are applied
/// at most every <see cref="RenderInterval"/>, so a fast run cannot flood the circuit with renders.
/// </summary>
public partial class RunPage : IDisposable
{
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(200);

    private static readonly IReadOnlyList<ChartSeries> LossSeries =
    [
        new(MetricNames.TrainLoss, "train loss", "#1f77b4", Markers: false),
        new(MetricNames.DevLoss, "dev loss", "#d62728"),
    ];

    private static readonly IReadOnlyList<ChartSeries> EvaluationSeries =
    [
        new(MetricNames.DevBleu, "dev BLEU", "#1f77b4"),
        new(MetricNames.DevChrF, "dev chrF", "#2ca02c"),
    ];

    private readonly Lock pendingGate = new();
    private readonly List<MetricSample> pendingPoints = [];
    private RunSnapshot? pendingSnapshot;
    private bool flushScheduled;
    private bool disposed;

    private RunObservation? observation;
    private RunDetails? details;
    private RunSnapshot? snapshot;
    private IReadOnlyList<MetricSample> history = [];
    private MetricChart? lossChart;
    private MetricChart? evaluationChart;
    private bool notFound;
    private bool cancelRequested;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private IRunQueries Queries { get; set; } = default!;

    [Inject]
    private IRunMonitor Monitor { get; set; } = default!;

    [Inject]
    private IRunLauncher Launcher { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    // The caption of an exported chart: which run, its seed, the signature of the metric; the curves are not smoothed.
    private string FigureCaption(string what, string? signature) =>
        CaptionText.Build($"{what} of run #{Id} ({details?.ExperimentName})", signature, Seed(details?.ConfigJson) is { } seed ? [seed] : [], smoothing: null);

    // e.g. "run-12-real-vs-low-generator-loss": the run, its experiment and what the chart plots.
    private string FigureFile(string metric) => FigureFileName.Of(FormattableString.Invariant($"run-{Id}"), details?.ExperimentName, metric);

    private static int? Seed(string? configJson)
    {
        try
        {
            using var config = JsonDocument.Parse(configJson ?? "{}");
            return config.RootElement.EnumerateObject().FirstOrDefault(p => p.NameEquals("seed") || p.NameEquals("Seed")).Value is { ValueKind: JsonValueKind.Number } seed
                ? seed.GetInt32()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override async Task OnInitializedAsync()
    {
        // Subscribe before reading the database: a run that is not live now has its final record stored already.
        observation = Monitor.Observe(Id, OnUpdate);
        details = await Queries.GetRunAsync(Id, CancellationToken.None);
        if (details is null)
        {
            notFound = true;
            return;
        }

        if (observation is not null)
        {
            snapshot = observation.Snapshot;
            history = RunHistory.Merge(await Queries.GetMetricsAsync(Id, CancellationToken.None), observation.History);
        }
        else
        {
            snapshot = details.StoredSnapshot;
            history = await Queries.GetMetricsAsync(Id, CancellationToken.None);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Updates that came in while the page was loading could not be drawn before the charts existed.
        if (lossChart is not null)
        {
            ScheduleFlush();
        }
    }

    public void Dispose()
    {
        disposed = true;
        observation?.Dispose();
    }

    private void OnUpdate(RunUpdate update)
    {
        lock (pendingGate)
        {
            pendingPoints.AddRange(update.NewPoints);
            pendingSnapshot = update.Snapshot;
        }

        ScheduleFlush();
    }

    private void ScheduleFlush()
    {
        lock (pendingGate)
        {
            if (flushScheduled || (pendingPoints.Count == 0 && pendingSnapshot is null))
            {
                return;
            }

            flushScheduled = true;
        }

        _ = Task.Delay(RenderInterval, Time).ContinueWith(_ => InvokeAsync(FlushAsync), TaskScheduler.Default);
    }

    private async Task FlushAsync()
    {
        if (disposed || lossChart is null || evaluationChart is null)
        {
            lock (pendingGate)
            {
                flushScheduled = false;
            }

            return;
        }

        MetricSample[] points;
        lock (pendingGate)
        {
            points = [.. pendingPoints];
            pendingPoints.Clear();
            snapshot = pendingSnapshot ?? snapshot;
            pendingSnapshot = null;
            flushScheduled = false;
        }

        if (points.Length > 0)
        {
            await lossChart.AppendAsync(points);
            await evaluationChart.AppendAsync(points);
        }

        StateHasChanged();
    }

    private void Cancel()
    {
        cancelRequested = Launcher.Cancel(Id);
        if (cancelRequested)
        {
            Snackbar.Add($"Cancelling run #{Id}…", Severity.Info);
        }
        else
        {
            Snackbar.Add($"Run #{Id} is no longer running.", Severity.Warning);
        }
    }
}
