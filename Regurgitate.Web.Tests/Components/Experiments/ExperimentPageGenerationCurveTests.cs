using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

/// <summary>The experiment page draws BLEU by generation for an iterated-generations design, and only for one.</summary>
public sealed class ExperimentPageGenerationCurveTests : DashboardTestContext
{
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 4, 0, 0, TimeSpan.Zero);
    private readonly FakeExperimentQueries queries = new();

    public ExperimentPageGenerationCurveTests()
    {
        Context.Services.AddSingleton<IExperimentService>(new FakeExperimentService());
        Context.Services.AddSingleton<IExperimentQueries>(queries);
    }

    [Fact]
    public void An_iterated_design_gets_the_generation_chart_with_real_as_generation_zero()
    {
        queries.Detail = Detail(
            ExperimentTemplates.IteratedGenerations(),
            Grid("real", 2_000, 1, RunStatus.Completed, 30),
            Grid("real", 2_000, 2, RunStatus.Completed, 32),
            Grid("gen1", 2_000, 1, RunStatus.Completed, 25),
            Grid("gen2", 2_000, 1, RunStatus.Completed, 20),
            Grid("gen3", 2_000, 1, RunStatus.Running));

        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

        var chart = page.FindComponent<GenerationCurveChart>();
        var trace = Assert.Single(chart.Instance.Traces);
        Assert.Equal("replace", trace.Name);
        Assert.Equal([31.0, 25.0, 20.0], trace.Y.Cast<double>());
        Assert.Equal([Math.Round(Math.Sqrt(2), 6), 0.0, 0.0], trace.ErrorY.Array.Cast<double>().Select(v => Math.Round(v, 6)));
        Assert.NotNull(page.Find("[data-testid=export-generation-figure]"));
        // The axis spans the generations measured so far (gen3 is still running).
        Assert.Equal(["real", "1", "2"], chart.Instance.ToFigure().XTickLabels!.Select(t => t.Value));
    }

    [Fact]
    public void A_design_without_chained_generators_has_no_generation_chart()
    {
        queries.Detail = Detail(ExperimentTemplates.GeneratorQuality(), Grid("real", 1_000, 1, RunStatus.Completed, 20), Grid("low", 1_000, 1, RunStatus.Completed, 15));

        var page = Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

        Assert.Empty(page.FindComponents<GenerationCurveChart>());
        Assert.Empty(page.FindAll("[data-testid=generation-curve]"));
        Assert.NotNull(page.Find("[data-testid=learning-curve]"));
    }

    private static ExperimentDetail Detail(ExperimentSpec spec, params ExperimentRunRow[] runs) =>
        new(5, spec.Name, spec.Description, Created, ExperimentStatus.Running, null, spec, runs);
}
