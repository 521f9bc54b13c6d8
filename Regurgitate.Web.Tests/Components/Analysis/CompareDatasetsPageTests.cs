using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Features.Datasets;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Analysis;

public sealed class CompareDatasetsPageTests : DashboardTestContext
{
    private readonly FakeAnalysisService service = new();

    private NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<CompareDatasetsPage> RenderAt(string uri)
    {
        Context.Services.AddSingleton<IDatasetAnalysisService>(service);
        Context.Services.AddSingleton<IDatasetQueries>(new FakeDatasetQueries());
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
    public void A_cached_comparison_shows_without_pressing_Run()
    {
        service.Cached = FakeAnalysisService.Sample();

        var page = RenderAt("/analysis?corpus=wmt22&sets=wmt22/GPT-4");

        Assert.NotNull(page.Find("[data-testid=analysis-metrics-table]"));
        Assert.Empty(service.Requests);
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

    private sealed class FakeDatasetQueries : IDatasetQueries
    {
        public Task<IReadOnlyList<DatasetRow>> ListAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DatasetRow>>(
            [
                new("local/gen-1", DatasetKind.Generated, "my generator", null, "de-en", null, null, "wmt22", [], null, 0, 3, 0, true, null, DateTimeOffset.UnixEpoch),
            ]);

        public Task<DatasetRow?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult<DatasetRow?>(null);
    }
}
