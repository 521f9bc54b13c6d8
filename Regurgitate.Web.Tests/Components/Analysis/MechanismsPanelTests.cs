using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Plotly.Blazor.Traces;
using Regurgitate.Web.Features.Analysis;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.Analysis;

/// <summary>The mechanisms panel with the real service on hand-made recorded training sets (see <see cref="RecordedTrainingSets"/>).</summary>
public sealed class MechanismsPanelTests : DashboardTestContext, IDisposable
{
    private static readonly string[] Order = ["real", "gen", "gen · quality"];

    private readonly RecordedTrainingSets sets = new();

    public void Dispose() => sets.Dispose();

    private IRenderedComponent<MechanismsPanel> Render(int? size = null, Workbench.Experiments.ExperimentDetail? detail = null)
    {
        Context.Services.AddSingleton<IMechanismsService>(new MechanismsService(sets.Folders, TestHeavyWork.Scheduler(), NullLogger<MechanismsService>.Instance));
        return Context.Render<MechanismsPanel>(p => p.Add(m => m.Experiment, detail ?? sets.Detail).Add(m => m.Size, size));
    }

    [Fact]
    public void Every_run_is_a_point_in_its_conditions_colour_with_a_fit_over_the_synthetic_runs()
    {
        var panel = Render();

        panel.WaitForElement("[data-testid=mechanisms-table]", TimeSpan.FromSeconds(20));
        Assert.Equal(4, panel.FindAll("[data-testid=mechanisms-row]").Count);
        Assert.Contains("real (real data, not in the fit)", panel.FindAll("[data-testid=mechanisms-row]")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("50.0 %", panel.FindAll("[data-testid=mechanisms-row]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("the largest size at which every condition has a completed run", panel.Find("[data-testid=mechanisms-size-note]").TextContent, StringComparison.Ordinal);
        Assert.Contains("#6 gen · quality seed 2", panel.Find("[data-testid=mechanisms-unrecorded]").TextContent, StringComparison.Ordinal);

        // A scatter per metric, each run a point in its condition's learning-curve colour, real runs marked as outside the fit.
        var charts = panel.Instance.Charts;
        Assert.Equal(Enum.GetValues<MechanismMetric>(), charts.Select(c => c.Axis.Metric));
        Assert.Equal(4, panel.FindAll("[data-testid^=mechanisms-chart-]").Count);
        var errorTraces = charts[0].Traces.Cast<Scatter>().ToList();
        Assert.Equal(["real (not in the fit)", "gen", "gen · quality", "least-squares fit (synthetic runs)"], errorTraces.Select(t => t.Name));
        Assert.Equal(Order.Select(c => (object)ConditionPalette.ColorOf(c, Order)), errorTraces.Take(3).Select(t => t.Marker.Color));
        Assert.Equal([50.0, 25.0], errorTraces[1].X.Cast<double>());
        Assert.Equal([20.0, 25.0], errorTraces[1].Y.Cast<double>());
        Assert.Equal(["seed 1 (#2)", "seed 2 (#3)"], errorTraces[1].TextArray);
        // The fit line runs over the synthetic runs' x (0 to 50 %) with slope −16 BLEU per unit share: 28⅓ at 0, 20⅓ at 50 %.
        Assert.Equal([0.0, 50.0], errorTraces[3].X.Cast<double>());
        Assert.Equal(28 + (1 / 3.0), (double)errorTraces[3].Y[0], 9);
        Assert.Equal(20 + (1 / 3.0), (double)errorTraces[3].Y[1], 9);
        // No signal anywhere: x constant, no line.
        Assert.DoesNotContain(charts[3].Traces.Cast<Scatter>(), t => t.Name!.StartsWith("least-squares", StringComparison.Ordinal));

        var fits = panel.FindAll("[data-testid=mechanisms-fit-row]");
        Assert.Equal(4, fits.Count);
        Assert.StartsWith("errorrate3-0.16[", string.Concat(fits[0].TextContent.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        Assert.Contains("per pp", fits[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("-1.00", fits[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("–", fits[3].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_with_too_few_synthetic_runs_says_there_is_no_fit_and_which_conditions_are_missing()
    {
        var panel = Render(size: 2);

        panel.WaitForElement("[data-testid=mechanisms-no-fit]", TimeSpan.FromSeconds(20));
        Assert.Contains("Only 1 run(s) with synthetic data", panel.Find("[data-testid=mechanisms-no-fit]").TextContent, StringComparison.Ordinal);
        Assert.Contains("real, gen · quality", panel.Find("[data-testid=mechanisms-missing]").TextContent, StringComparison.Ordinal);
        Assert.Contains("the default is 4", panel.Find("[data-testid=mechanisms-size-note]").TextContent, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("[data-testid=mechanisms-row]"));
    }

    [Fact]
    public void A_size_without_runs_an_experiment_without_completed_runs_and_a_damaged_file_each_say_so()
    {
        var wrongSize = Render(size: 3);
        Assert.Contains("choose one of 2, 4", wrongSize.Find("[data-testid=mechanisms-error]").TextContent, StringComparison.Ordinal);

        var empty = Context.Render<MechanismsPanel>(p => p
            .Add(m => m.Experiment, sets.Detail with { Runs = [RecordedTrainingSets.Run(7, "gen", 4, 3, null, RunStatus.Running)] }));
        Assert.NotNull(empty.Find("[data-testid=mechanisms-empty]"));

        File.WriteAllText(Path.Combine(sets.Folders.PathOf(Workbench.Folders.FolderKind.Run, 2), Engine.Experiments.TrainingPairs.FileName), "{\"source\": 1}\n");
        var damaged = Context.Render<MechanismsPanel>(p => p.Add(m => m.Experiment, sets.Detail));
        var error = damaged.WaitForElement("[data-testid=mechanisms-error]", TimeSpan.FromSeconds(20)).TextContent;
        Assert.Contains("training-pairs.jsonl.gz", error, StringComparison.Ordinal);
        Assert.Contains("line 1", error, StringComparison.Ordinal);
    }
}
