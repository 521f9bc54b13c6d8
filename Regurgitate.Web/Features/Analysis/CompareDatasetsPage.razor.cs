using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Progress;
using Regurgitate.Web.Features.Datasets;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// Compares a corpus's human references with synthetic sets. The choice lives in the address (<see cref="AnalysisUrl"/>);
/// the comparison runs when Run is pressed (or shows straight away when the service has it cached), off the circuit's
/// thread, with progress and a Cancel button. Leaving the page or changing the choice cancels it.
/// </summary>
public partial class CompareDatasetsPage : IDisposable
{
    public const int WorstCount = 20;

    private IReadOnlyList<string> corpora = [];
    private IReadOnlyList<SetChoice> choices = [];
    private IReadOnlyList<DatasetRow> generated = [];
    private IReadOnlyList<ExperimentSummary> experiments = [];
    private IReadOnlyList<string> selectedSets = [];
    private DatasetAnalysis? analysis;
    private IReadOnlyList<string> sideLabels = [];
    private IList<ITrace> chrfTraces = [];
    private IList<ITrace> heapsTraces = [];
    private IList<ITrace> zipfTraces = [];
    private IList<ITrace> lengthTraces = [];
    private IReadOnlyList<WorstInstance> worst = [];
    private string? worstSet;
    private string? error;
    private double progress;
    private string? shownKey;
    private readonly LatestWork work = new();
    private string mqmPath = string.Empty;
    private MqmAgreementReport? mqmReport;
    private string? mqmError;
    private bool mqmRunning;

    [SupplyParameterFromQuery(Name = "corpus")]
    public string? Corpus { get; set; }

    [SupplyParameterFromQuery(Name = "sets")]
    public string? Sets { get; set; }

    [SupplyParameterFromQuery(Name = "sample")]
    public int? Sample { get; set; }

    /// <summary>Set: compare the training sets of this experiment's runs instead of a corpus pool's sets.</summary>
    [SupplyParameterFromQuery(Name = "experiment")]
    public int? Experiment { get; set; }

    /// <summary>The experiment's training size (with <see cref="Experiment"/>); null: its default size.</summary>
    [SupplyParameterFromQuery(Name = "size")]
    public int? Size { get; set; }

    [Inject]
    private IExperimentQueries ExperimentList { get; set; } = default!;

    [Inject]
    private IDatasetAnalysisService Analyses { get; set; } = default!;

    [Inject]
    private MqmAgreementService MqmAgreements { get; set; } = default!;

    [Inject]
    private IDatasetCatalog Datasets { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<CompareDatasetsPage> Logger { get; set; } = default!;

    [CascadingParameter(Name = "DarkMode")]
    private bool DarkMode { get; set; }

    /// <summary>A set the picker offers.</summary>
    public sealed record SetChoice(string Id, string Label);

    protected override async Task OnInitializedAsync()
    {
        try
        {
            generated = [.. (await Datasets.ListAsync(CancellationToken.None)).Where(d => d.Kind == DatasetKind.Generated && d.Available && d.CorpusId is not null)];
            experiments = [.. (await ExperimentList.ListAsync(CancellationToken.None)).Where(e => e.RunsCompleted > 0)];
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            Logger.LogError(ex, "Could not list the generated datasets or the experiments");
            error = "The generated datasets or the experiments could not be listed; see the server log. Published system outputs are still offered.";
        }
    }

    /// <summary>"Training sets of experiment N · name" (an experiment not in the list still gets its number), or the corpus pool.</summary>
    private string DataLabel(int? experiment) => experiment is not { } id
        ? "Corpus pool: published and generated sets"
        : $"Training sets of experiment #{id}{(experiments.FirstOrDefault(e => e.Id == id) is { } e ? " · " + e.Name : "")}";

    private void OnDataChanged(int? experiment) =>
        Navigation.NavigateTo(experiment is { } id ? AnalysisUrl.ForExperiment(id, null, Sample) : AnalysisUrl.Build(null, [], Sample));

    protected override void OnParametersSet()
    {
        selectedSets = AnalysisUrl.ParseSets(Sets);
        corpora = [.. Datasets.Corpora.Select(c => c.Id)
            .Where(id => Datasets.PublishedSystemsOf(id).Count > 0 || generated.Any(d => string.Equals(d.CorpusId, id, StringComparison.OrdinalIgnoreCase)))];
        choices = string.IsNullOrEmpty(Corpus)
            ? []
            : [
                .. Datasets.PublishedSystemsOf(Corpus).Select(s => new SetChoice(s.Generator.Id, s.Generator.Name + " (published)")),
                .. generated.Where(d => string.Equals(d.CorpusId, Corpus, StringComparison.OrdinalIgnoreCase)).Select(d => new SetChoice(d.Id, d.Name + " (generated)")),
            ];

        var request = Experiment is null ? Request() : null;
        if (request?.Key == shownKey && (analysis is not null || work.Running))
        {
            return;
        }

        work.Cancel();
        shownKey = request?.Key;
        analysis = null;
        if (request is not null && Analyses.TryGetCached(request) is { } cached)
        {
            Show(cached);
        }
    }

    private DatasetAnalysisRequest? Request() =>
        string.IsNullOrWhiteSpace(Corpus) || selectedSets.Count == 0 ? null : new DatasetAnalysisRequest(Corpus, selectedSets, Sample);

    private async Task RunAsync()
    {
        if (Request() is not { } request)
        {
            return;
        }

        var token = work.Start();
        progress = 0;
        error = null;
        analysis = null;
        shownKey = request.Key;
        var lastShown = 0.0;
        var reporter = new SynchronousProgress<double>(value =>
        {
            progress = value;
            if (value - lastShown >= 0.02 || value >= 1)
            {
                lastShown = value;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            var result = await Analyses.AnalyzeAsync(request, reporter, token);
            if (!token.IsCancellationRequested)
            {
                Show(result);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled by the user, a new choice or leaving the page.
        }
        catch (Exception ex) when (!token.IsCancellationRequested && ex is ArgumentException or InvalidOperationException or IOException or CorpusFormatException)
        {
            Logger.LogWarning(ex, "Could not compare {Corpus} with {Sets}", request.CorpusId, string.Join(",", request.SetIds));
            error = ex.Message;
        }
        finally
        {
            work.Finish(token);
        }
    }

    private async Task MeasureAgreementAsync()
    {
        if (analysis is not { } current || mqmRunning)
        {
            return;
        }

        mqmRunning = true;
        mqmError = null;
        mqmReport = null;
        try
        {
            var report = await MqmAgreements.MeasureAsync(current, mqmPath, work.Token);
            if (ReferenceEquals(analysis, current))
            {
                mqmReport = report;
            }
        }
        catch (MqmImportException ex)
        {
            mqmError = ex.Message;
        }
        catch (IOException ex)
        {
            Logger.LogWarning(ex, "Could not read the MQM file {Path}", mqmPath);
            mqmError = ex.Message;
        }
        catch (OperationCanceledException)
        {
            // Left the page or started another comparison.
        }
        finally
        {
            mqmRunning = false;
        }
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private void Show(DatasetAnalysis result)
    {
        if (!ReferenceEquals(analysis, result))
        {
            mqmReport = null;
            mqmError = null;
        }

        analysis = result;
        sideLabels = [DatasetAnalysis.ReferenceSide, .. result.SetNames];
        var order = (IReadOnlyList<string>)[ConditionPalette.RealCondition, .. result.SetIds];
        string Color(int side) => side == 0 ? ConditionPalette.RealColor(DarkMode) : ConditionPalette.ColorOf(result.SetIds[side - 1], order, DarkMode);

        chrfTraces = [];
        for (var k = 1; k < result.Report.Sides.Count; k++)
        {
            if (result.Report.Sides[k].Errors is not { } errors)
            {
                continue;
            }

            var bins = errors.ChrF.Histogram;
            var total = Math.Max(1, bins.Sum(b => b.Count));
            chrfTraces.Add(new Bar
            {
                Name = sideLabels[k],
                X = bins.Select(b => (object)((b.From + b.To) / 2)).ToList(),
                Y = bins.Select(b => (object)(100.0 * b.Count / total)).ToList(),
                Width = bins.Count == 0 ? null : (decimal)(bins[0].To - bins[0].From),
                Opacity = 0.55m,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = Color(k) },
                HoverTemplate = "%{fullData.name}: %{y:.1f} % of sentences around chrF2 %{x}<extra></extra>",
            });
        }

        heapsTraces = [.. result.Report.Sides.Select((side, k) => Line(sideLabels[k], Color(k), k == 0, side.Diversity.Heaps.Select(p => ((object)p.Tokens, (object)p.Types))))];
        zipfTraces = [.. result.Report.Sides.Select((side, k) => Line(sideLabels[k], Color(k), k == 0, side.Diversity.ZipfPoints.Select(p => ((object)p.Rank, (object)p.Frequency))))];

        var width = LengthBinWidth(result.Report.Sides.SelectMany(s => s.SentenceLengths));
        lengthTraces = [.. result.Report.Sides.Select((side, k) =>
        {
            var bins = LengthHistogram(side.SentenceLengths, width);
            return (ITrace)new Bar
            {
                Name = sideLabels[k],
                X = bins.Select(b => (object)((b.From + b.To) / 2)).ToList(),
                Y = bins.Select(b => (object)(100.0 * b.Count / Math.Max(1, side.SentenceLengths.Count))).ToList(),
                Width = width,
                Opacity = 0.55m,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = Color(k) },
                HoverTemplate = width == 1
                    ? "%{fullData.name}: %{y:.1f} % of sentences with %{x} tokens<extra></extra>"
                    : $"%{{fullData.name}}: %{{y:.1f}} % of sentences with %{{x}} ± {(width / 2.0).ToString(CultureInfo.InvariantCulture)} tokens<extra></extra>",
            };
        })];

        worstSet = result.SetIds[0];
        worst = result.WorstInstances(worstSet, WorstCount);
    }

    /// <summary>Lines with markers (Heaps, Zipf), the reference side drawn thicker.</summary>
    private static Scatter Line(string name, string color, bool reference, IEnumerable<(object X, object Y)> points)
    {
        var list = points.ToList();
        return new Scatter
        {
            Name = name,
            Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color, Width = reference ? 3 : 2 },
            Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = color, Size = 4 },
            X = list.Select(p => p.X).ToList(),
            Y = list.Select(p => p.Y).ToList(),
        };
    }

    /// <summary>One bin width (whole tokens) for all sides, so that their histograms overlay: at most about 40 bins up to the longest sentence.</summary>
    public static int LengthBinWidth(IEnumerable<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var max = lengths.DefaultIfEmpty(0).Max();
        return Math.Max(1, (int)Math.Ceiling((max + 1) / 40.0));
    }

    /// <summary>Counts of sentence lengths in bins [k·width, (k+1)·width) from 0 up to the bin of the longest sentence.</summary>
    public static IReadOnlyList<Regurgitate.Engine.Analysis.HistogramBin> LengthHistogram(IReadOnlyList<int> lengths, int width)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (lengths.Count == 0)
        {
            return [];
        }

        var counts = new int[(lengths.Max() / width) + 1];
        foreach (var n in lengths)
        {
            counts[n / width]++;
        }

        return [.. counts.Select((c, i) => new Regurgitate.Engine.Analysis.HistogramBin(i * width, (i + 1) * width, c))];
    }

    private void OnWorstSetChanged(string setId)
    {
        if (analysis is null)
        {
            return;
        }

        worstSet = setId;
        worst = analysis.WorstInstances(setId, WorstCount);
    }

    private void Cancel() => work.Cancel();

    public void Dispose() => work.Dispose();

    private void OnCorpusChanged(string corpus) => Navigation.NavigateTo(AnalysisUrl.Build(corpus, [], Sample));

    private void OnSetsChanged(IEnumerable<string> sets)
    {
        // Newly picked sets go last, so columns keep their places.
        var picked = sets.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ordered = selectedSets.Where(picked.Contains).Concat(picked.Where(s => !selectedSets.Contains(s, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
        Navigation.NavigateTo(AnalysisUrl.Build(Corpus, ordered, Sample));
    }

    private void OnSampleChanged(int? sample) => Navigation.NavigateTo(AnalysisUrl.Build(Corpus, selectedSets, sample));

    private static string Summary(DatasetAnalysis a) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{a.CorpusId}: {a.Report.SampleSize:N0} sentences per side (of {a.CommonPairs:N0} sources every set translated; the corpus has {a.CorpusPairs:N0}), seed {a.Report.Seed}, computed in {a.Report.Elapsed.TotalSeconds:F1} s.");

    private static string CsvName(DatasetAnalysis a) =>
        string.Join('_', new[] { a.CorpusId }.Concat(a.SetIds).Select(s => s.Replace('/', '-'))) + ".csv";
}
