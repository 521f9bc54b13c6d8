using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Analysis;

public sealed class MechanismsPanelTests : DashboardTestContext
{
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "mechanisms",
        CorpusId = "wmt22",
        DevSize = 100,
        TestSize = 200,
        Sizes = [1_000],
        RealFractions = [1.0, 0.0],
        Seeds = [1],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("wmt22/GPT-4")] }],
    };

    [Fact]
    public void Run_analyses_the_experiments_sets_and_shows_each_condition_with_an_honest_n()
    {
        var service = new Service();
        Context.Services.AddSingleton<IDatasetAnalysisService>(service);
        ExperimentRunRow[] runs =
        [
            new(1, RunRole.Grid, "real", 1_000, 1, 1, RunStatus.Completed, 0, 0, null, 30, null, null, null, null, null),
            new(2, RunRole.Grid, "wmt22/GPT-4", 1_000, 1, 0, RunStatus.Completed, 0, 0, null, 27, null, null, null, null, null),
        ];

        var panel = Context.Render<MechanismsPanel>(p => p.Add(m => m.Spec, Spec).Add(m => m.Runs, runs));
        Assert.Empty(panel.FindAll("[data-testid=mechanisms-table]"));
        panel.Find("[data-testid=mechanisms-run]").Click();

        var request = Assert.Single(service.Requests);
        Assert.Equal("wmt22", request.CorpusId);
        Assert.Equal(["wmt22/GPT-4"], request.SetIds);
        Assert.Equal(2, panel.FindAll("[data-testid=mechanisms-row]").Count);
        var correlation = panel.Find("[data-testid=mechanisms-correlation]").TextContent;
        Assert.Contains("n = 2", correlation, StringComparison.Ordinal);
        Assert.Contains("n/a", correlation, StringComparison.Ordinal);
        Assert.Contains("too few points", correlation, StringComparison.Ordinal);
        Assert.NotNull(panel.Find("[data-testid=mechanisms-error-chart]"));
        Assert.NotNull(panel.Find("[data-testid=mechanisms-mtld-chart]"));

        // Both scatter plots export; the CSV names each point's condition.
        Assert.Equal(2, panel.FindAll("[data-testid=chart-export-svg]").Count);
        var csv = panel.FindComponents<AnalysisChart>().Single(c => c.Instance.TestId == "mechanisms-mtld-chart").Instance.Csv;
        Assert.StartsWith("series,x,y,label\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",wmt22/GPT-4\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",30,real (reference)\r\n", csv, StringComparison.Ordinal);
    }

    private sealed class Service : IDatasetAnalysisService
    {
        public List<DatasetAnalysisRequest> Requests { get; } = [];

        public Task<DatasetAnalysis> AnalyzeAsync(DatasetAnalysisRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            string[] sources = ["Das ist ein kleines Haus.", "Der Hund bellt laut.", "Wir gehen morgen ins Kino."];
            string[] reference = ["This is a small house.", "The dog barks loudly.", "We are going to the cinema tomorrow."];
            string[] output = ["This is a little house.", "Dog.", "Tomorrow we go to the movies."];
            return Task.FromResult(new DatasetAnalysis
            {
                CorpusId = "wmt22", SetIds = ["wmt22/GPT-4"], SetNames = ["GPT-4"], CorpusPairs = 3, CommonPairs = 3,
                Sources = sources, References = reference, Targets = [output],
                Report = DatasetReport.Build(sources, new TextSide(DatasetAnalysis.ReferenceSide, reference), [new TextSide("wmt22/GPT-4", output)]),
            });
        }

        public DatasetAnalysis? TryGetCached(DatasetAnalysisRequest request) => null;
    }
}
