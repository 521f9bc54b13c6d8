using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Features.Datasets;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Analysis;

public sealed class CompareDatasetsPageTests : DashboardTestContext, IDisposable
{
    private readonly FakeAnalysisService service = new();
    private readonly RecordedTrainingSets trainingSets = new();
    private readonly FakeExperimentQueries experiments = new();

    public void Dispose() => trainingSets.Dispose();

    private NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<CompareDatasetsPage> RenderAt(string uri)
    {
        Context.Services.AddSingleton<IDatasetAnalysisService>(service);
        Context.Services.AddSingleton<IDatasetCatalog>(new ListedDatasetCatalog(
            new DatasetRow("local/gen-1", DatasetKind.Generated, "my generator", null, "de-en", null, null, "wmt22", [], null, 0, 3, 0, true, null, DateTimeOffset.UnixEpoch)));
        Context.Services.AddSingleton<IExperimentQueries>(experiments);
        Context.Services.AddSingleton<ITrainingSetComparisonService>(new TrainingSetComparisonService(trainingSets.Folders, TestHeavyWork.Scheduler(), NullLogger<TrainingSetComparisonService>.Instance));
        Context.Services.AddSingleton(new MqmAgreementService(new Regurgitate.Engine.Data.CorpusCatalog(
            new Regurgitate.Engine.Data.DataOptions { DataDirectory = Path.GetTempPath() }, Directory.GetCurrentDirectory())));
        Navigation.NavigateTo(uri);
        return Context.Render<CompareDatasetsPage>();
    }

    [Fact]
    public void The_address_round_trips_corpus_sets_and_sample()
    {
        Assert.Equal("/analysis?corpus=wmt22&sets=wmt22/GPT-4,local/my%20set&sample=300", AnalysisUrl.Build("wmt22", ["wmt22/GPT-4", "local/my set", "WMT22/gpt-4", " "], 300));
        Assert.Equal("/analysis", AnalysisUrl.Build(null, []));
        Assert.Equal(["wmt22/GPT-4", "wmt22/LT22"], AnalysisUrl.ParseSets(" wmt22/GPT-4,,wmt22/LT22,wmt22/gpt-4"));
    }

    [Fact]
    public void The_address_of_an_experiments_training_sets_keeps_size_and_sample()
    {
        Assert.Equal("/analysis?experiment=7&size=4000&sample=300", AnalysisUrl.ForExperiment(7, 4000, 300));
        Assert.Equal("/analysis?experiment=7", AnalysisUrl.ForExperiment(7));
    }

    [Fact]
    public void The_training_sets_of_an_experiment_are_a_choice_and_Run_compares_its_runs_side_by_side()
    {
        experiments.Detail = trainingSets.Detail;
        experiments.Summaries = [new(RecordedTrainingSets.ExperimentId, "hand-made", null, DateTimeOffset.UnixEpoch, ExperimentStatus.Running, 7, 5, false)];
        var page = RenderAt("/analysis?experiment=7&size=4");

        Assert.Equal("Training sets of experiment #7 · hand-made", page.Find("input[data-testid=analysis-data]").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid=analysis-picker]"));
        Assert.Contains("5 completed run(s) at this size", page.WaitForElement("[data-testid=training-sets-empty]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=training-sets-run]").Click();

        page.WaitForElement("[data-testid=analysis-metrics-table]", TimeSpan.FromSeconds(20));
        Assert.Equal(
            [Workbench.Analysis.DatasetAnalysis.ReferenceSide, "real · seed 1 (#1)", "gen · seed 1 (#2)", "gen · seed 2 (#3)", "gen · quality · seed 1 (#4)"],
            page.FindAll("[data-testid=analysis-side]").Select(th => th.TextContent));
        Assert.Contains("#6 gen · quality seed 2", page.Find("[data-testid=training-sets-unrecorded]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Size 4: 4 training set(s), 4 pairs per side", page.Find("[data-testid=training-sets-summary]").TextContent, StringComparison.Ordinal);
        var errorRow = page.FindAll("[data-testid=analysis-metric-row]").Single(r => r.TextContent.Contains("chrF2 error rate", StringComparison.Ordinal));
        Assert.Equal(["–", "0.0 %", "50.0 %", "25.0 %", "0.0 %"], errorRow.QuerySelectorAll("td.num").Select(td => td.TextContent));
        Assert.Empty(service.Requests);
    }

    [Fact]
    public void An_experiment_size_without_runs_shows_why()
    {
        experiments.Detail = trainingSets.Detail;
        var page = RenderAt("/analysis?experiment=7&size=3");

        Assert.Contains("choose one of 2, 4", page.WaitForElement("[data-testid=training-sets-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_address_chooses_the_sets_and_nothing_runs_before_Run()
    {
        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4");

        Assert.NotNull(page.Find("[data-testid=analysis-empty]"));
        Assert.Empty(service.Requests);
        Assert.False(page.Find("[data-testid=analysis-run]").HasAttribute("disabled"));
    }

    [Fact]
    public void Run_asks_for_the_chosen_comparison_and_shows_table_charts_and_worst_sentences()
    {
        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4&sample=300");

        page.Find("[data-testid=analysis-run]").Click();

        var request = Assert.Single(service.Requests);
        Assert.Equal("wmt22", request.CorpusId);
        Assert.Equal(["wmt22/GPT-4"], request.SetIds);
        Assert.Equal(300, request.SampleSize);
        page.WaitForElement("[data-testid=analysis-metrics-table]");
        Assert.NotNull(page.Find("[data-testid=analysis-chrf-chart]"));
        Assert.NotNull(page.Find("[data-testid=analysis-heaps-chart]"));
        Assert.Equal(3, page.FindAll("[data-testid=worst-row]").Count);
        Assert.Contains("3 sentences per side", page.Find("[data-testid=analysis-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Zipf_and_length_charts_have_a_series_per_side_in_the_sides_colours_and_every_chart_exports()
    {
        service.Cached = FakeAnalysisService.Sample();
        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4");
        var report = service.Cached.Report;
        var charts = page.FindComponents<AnalysisChart>().ToDictionary(c => c.Instance.TestId!);

        var zipf = charts["analysis-zipf-chart"].Instance;
        Assert.True(zipf.LogX && zipf.LogY);
        var zipfLines = zipf.Traces.Cast<Plotly.Blazor.Traces.Scatter>().ToList();
        Assert.Equal([Workbench.Analysis.DatasetAnalysis.ReferenceSide, "GPT-4"], zipfLines.Select(t => t.Name));
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(report.Sides[k].Diversity.ZipfPoints.Select(p => (object)p.Rank), zipfLines[k].X);
            Assert.Equal(report.Sides[k].Diversity.ZipfPoints.Select(p => (object)p.Frequency), zipfLines[k].Y);
        }

        var heapsColours = charts["analysis-heaps-chart"].Instance.Traces.Cast<Plotly.Blazor.Traces.Scatter>().Select(t => t.Line.Color).ToList();
        Assert.Equal(heapsColours, zipfLines.Select(t => t.Line.Color));

        var length = charts["analysis-length-chart"].Instance;
        Assert.True(length.OverlayBars);
        var bars = length.Traces.Cast<Plotly.Blazor.Traces.Bar>().ToList();
        Assert.Equal([Workbench.Analysis.DatasetAnalysis.ReferenceSide, "GPT-4"], bars.Select(t => t.Name));
        Assert.Equal(heapsColours, bars.Select(t => (object)t.Marker.Color));
        Assert.All(bars, b => Assert.Equal(100.0, b.Y.Sum(y => (double)y), 9));

        // Reference lengths 5, 4, 7 lexical tokens ("This is a small house." ...): one-token bins 0..7, 1 sentence each in bins 4, 5, 7.
        Assert.Equal([4, 5, 7], report.Sides[0].SentenceLengths.Order());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (object)(i + 0.5)), bars[0].X);
        Assert.Equal(100.0 / 3, (double)bars[0].Y[5], 9);
        Assert.Equal(0.0, (double)bars[0].Y[6], 9);

        Assert.Contains("human reference,1,", charts["analysis-zipf-chart"].Instance.Csv, StringComparison.Ordinal);
        Assert.Equal(4, page.FindAll("[data-testid=chart-export-svg]").Count);
        Assert.Equal(4, page.FindAll("[data-testid=chart-export-png]").Count);
        Assert.Equal(["sentence-chrf.csv", "vocabulary-growth.csv", "zipf.csv", "sentence-length.csv"], page.FindAll("[data-testid=chart-export-csv]").Select(a => a.GetAttribute("download")));
    }

    [Fact]
    public void Length_bins_share_one_width_and_cover_zero_to_the_longest_sentence()
    {
        Assert.Equal(1, CompareDatasetsPage.LengthBinWidth([3, 39]));
        Assert.Equal(2, CompareDatasetsPage.LengthBinWidth([3, 40]));
        Assert.Equal(1, CompareDatasetsPage.LengthBinWidth([]));
        var bins = CompareDatasetsPage.LengthHistogram([0, 1, 2, 5], 2);
        Assert.Equal([new(0, 2, 2), new(2, 4, 1), new(4, 6, 1)], bins);
        Assert.Empty(CompareDatasetsPage.LengthHistogram([], 3));
    }

    [Fact]
    public void A_cached_comparison_shows_without_pressing_Run()
    {
        service.Cached = FakeAnalysisService.Sample();

        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4");

        Assert.NotNull(page.Find("[data-testid=analysis-metrics-table]"));
        Assert.Empty(service.Requests);
    }

    [Fact]
    public void Measuring_agreement_with_a_path_outside_the_data_directory_shows_why()
    {
        service.Cached = FakeAnalysisService.Sample();
        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4");

        page.Find("[data-testid=analysis-mqm] input").Input("../../etc/mqm.tsv");
        page.Find("[data-testid=analysis-mqm-run]").Click();

        Assert.Contains("not inside the data directory", page.WaitForElement("[data-testid=analysis-mqm-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_is_shown()
    {
        service.Failure = new InvalidOperationException("No source of corpus 'wmt22' is translated by every chosen set.");
        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4");

        page.Find("[data-testid=analysis-run]").Click();

        Assert.Contains("No source", page.WaitForElement("[data-testid=analysis-error]").TextContent, StringComparison.Ordinal);
    }

    private sealed class FakeAnalysisService : IDatasetAnalysisService
    {
        public List<DatasetAnalysisRequest> Requests { get; } = [];
        public DatasetAnalysis? Cached { get; set; }
        public Exception? Failure { get; set; }

        public static DatasetAnalysis Sample() => new()
        {
            CorpusId = "wmt22",
            SetIds = ["wmt22/GPT-4"],
            SetNames = ["GPT-4"],
            CorpusPairs = 3,
            CommonPairs = 3,
            Sources = ["Das ist ein kleines Haus.", "Der Hund bellt laut.", "Wir gehen morgen ins Kino."],
            References = ["This is a small house.", "The dog barks loudly.", "We are going to the cinema tomorrow."],
            Targets = [["This is a little house.", "The dog is barking.", "Tomorrow we go to the movies."]],
            Report = AnalysisComponentsTests.SmallReport(),
        };

        public Task<DatasetAnalysis> AnalyzeAsync(DatasetAnalysisRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            progress?.Report(0.5);
            return Failure is { } failure ? Task.FromException<DatasetAnalysis>(failure) : Task.FromResult(Sample());
        }

        public DatasetAnalysis? TryGetCached(DatasetAnalysisRequest request) => Cached;
    }
}
