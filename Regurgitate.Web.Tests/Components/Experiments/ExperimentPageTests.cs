using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class ExperimentPageTests : DashboardTestContext
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeExperimentService service = new();
    private readonly FakeExperimentQueries queries = new();

    public ExperimentPageTests()
    {
        Context.Services.AddSingleton<IExperimentService>(service);
        Context.Services.AddSingleton<IExperimentQueries>(queries);
    }

    private static ExperimentDetail Detail(ExperimentStatus status, params ExperimentRunRow[] runs) =>
        new(5, "(c) low vs high", "a description", Created, status, status == ExperimentStatus.Stopped ? "stopped by the user" : null, ExperimentTemplates.GeneratorQuality(), runs);

    private IRenderedComponent<ExperimentPage> RenderPage() => Context.Render<ExperimentPage>(p => p.Add(c => c.Id, 5));

    [Fact]
    public void It_shows_the_status_the_curve_and_both_kinds_of_runs()
    {
        queries.Detail = Detail(
            ExperimentStatus.Running,
            Generator("low", RunStatus.Completed),
            Generator("high", RunStatus.Completed),
            Grid("real", 1_000, 1, RunStatus.Completed, 20),
            Grid("low", 1_000, 1, RunStatus.Running, lastStep: 10));

        var page = RenderPage();

        Assert.Equal("Running", page.Find("[data-testid=experiment-status]").TextContent.Trim());
        Assert.Contains("1 of 2 grid runs completed", page.Find("[data-testid=experiment-progress]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("[data-testid=grid-runs] tbody tr").Count);
        Assert.Equal(2, page.FindAll("[data-testid=generator-runs] tbody tr").Count);
        var chart = page.FindComponent<LearningCurveChart>();
        Assert.Equal(["real", "low", "high"], chart.Instance.ConditionOrder);
        Assert.Equal([20.0], chart.Instance.Traces.Single(t => t.Name == "real").Y.Cast<double>());
        Assert.NotNull(page.Find("[data-testid=stop-experiment]"));
    }

    [Fact]
    public void A_fine_tuning_experiment_lists_its_pretraining_runs_and_charts_the_grid_sizes_only()
    {
        queries.Detail = Detail(
            ExperimentStatus.Running,
            Generator(FineTuning.PretrainingCondition, RunStatus.Completed) with { Role = RunRole.Pretraining },
            Generator(FineTuning.ZeroShotCondition, RunStatus.Completed) with { Role = RunRole.Pretraining, TestBleu = 3.5 },
            Grid("real", 1_000, 1, RunStatus.Completed, 20));

        var page = RenderPage();

        Assert.Contains(page.FindAll("h2"), h => h.TextContent.Trim() == "Pretraining and generator runs");
        Assert.Equal(2, page.FindAll("[data-testid=generator-runs] tbody tr").Count);
        var real = page.FindComponent<LearningCurveChart>().Instance.Traces.Single(t => t.Name == "real");
        Assert.Equal([1_000.0], real.X.Cast<double>());
    }

    [Fact]
    public void A_spec_without_a_budget_is_labelled_epochs_and_each_run_shows_its_recorded_steps_tokens_and_pairs()
    {
        var oldSpec = ExperimentSpecJson.Parse(ExperimentSpecJson.Serialize(ExperimentTemplates.GeneratorQuality() with { Budget = TrainingBudget.Epochs }));
        var budgeted = Grid("real", 1_000, 1, RunStatus.Completed, 20, lastStep: 240) with
        {
            MaxSteps = 240,
            TrainingPairs = 996,
            PairsDropped = 4,
            TargetTokens = 41_234,
            SourceTokens = 45_000,
        };
        queries.Detail = Detail(ExperimentStatus.Finished, budgeted, Grid("low", 1_000, 1, RunStatus.Queued)) with { Spec = oldSpec };

        var page = RenderPage();

        Assert.Equal("budget: epochs (per-condition step counts differ) ·", page.Find("[data-testid=experiment-budget]").TextContent.Trim());
        var cells = page.FindAll("[data-testid=run-budget]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("240 steps, 41.2k tokens · 996 pairs (4 dropped)", cells);
        Assert.Contains("–", cells);

        queries.Detail = queries.Detail with { Spec = ExperimentTemplates.GeneratorQuality() };
        var matched = RenderPage();
        Assert.StartsWith("budget: matched-steps", matched.Find("[data-testid=experiment-budget]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_says_whether_test_scores_use_one_reference_or_all()
    {
        queries.Detail = Detail(ExperimentStatus.Finished, Grid("real", 1_000, 1, RunStatus.Completed, 20)) with
        {
            Spec = ExperimentTemplates.GeneratorQuality() with { References = Engine.Experiments.TestReferences.All },
        };
        var all = RenderPage();
        Assert.Equal("test references: all (A and B; scores show nrefs:2) ·", all.Find("[data-testid=experiment-references]").TextContent.Trim());

        queries.Detail = queries.Detail with { Spec = ExperimentTemplates.GeneratorQuality() };
        var one = RenderPage();
        Assert.Equal("test references: one (reference A; scores show nrefs:1) ·", one.Find("[data-testid=experiment-references]").TextContent.Trim());
    }

    [Fact]
    public void A_change_in_the_database_is_read_and_shown_and_nothing_is_read_without_one()
    {
        var running = Grid("real", 1_000, 1, RunStatus.Running, lastStep: 10);
        queries.Detail = Detail(ExperimentStatus.Running, running);
        var page = RenderPage();
        Assert.Empty(page.FindComponent<LearningCurveChart>().Instance.Traces);
        Assert.Equal(1, Changes.Subscribers);

        // Without a change nothing is read (the old page read every 2 s).
        Thread.Sleep(300);
        Assert.Equal(1, queries.Gets);

        queries.Detail = Detail(ExperimentStatus.Finished, running with { Status = RunStatus.Completed, TestBleu = 25, LastStep = 100 });
        Changes.Commit();

        page.WaitForAssertion(() => Assert.Equal("Finished", page.Find("[data-testid=experiment-status]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal([25.0], page.FindComponent<LearningCurveChart>().Instance.Traces.Single(t => t.Name == "real").Y.Cast<double>());
        Assert.Equal(2, queries.Gets);
    }

    [Fact]
    public void Leaving_the_page_stops_listening_for_changes()
    {
        queries.Detail = Detail(ExperimentStatus.Running, Grid("real", 1_000, 1, RunStatus.Running));
        var page = RenderPage();
        Assert.Equal(1, Changes.Subscribers);

        page.Instance.Dispose();
        Changes.Commit();

        Assert.Equal(0, Changes.Subscribers);
        Assert.Equal(1, queries.Gets);
    }

    [Fact]
    public void Stop_asks_the_service_to_stop()
    {
        queries.Detail = Detail(ExperimentStatus.Running, Grid("real", 1_000, 1, RunStatus.Running));
        var page = RenderPage();

        page.Find("[data-testid=stop-experiment]").Click();

        page.WaitForAssertion(() => Assert.Equal([5], service.Stopped), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_stopped_experiment_can_be_resumed_and_shows_why_it_stopped()
    {
        queries.Detail = Detail(ExperimentStatus.Stopped, Grid("real", 1_000, 1, RunStatus.Cancelled));
        var page = RenderPage();

        Assert.Contains("stopped by the user", page.Find("[data-testid=experiment-message]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=start-experiment]").Click();

        page.WaitForAssertion(() => Assert.Equal([5], service.Started), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_finished_experiment_takes_new_seeds_and_a_running_one_does_not()
    {
        queries.Detail = Detail(ExperimentStatus.Finished, Grid("real", 1_000, 1, RunStatus.Completed, 20));
        var page = RenderPage();

        Assert.Contains("Seeds now: 1, 2, 3", page.Find("[data-testid=add-seeds-form]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=add-seeds-button]").HasAttribute("disabled"));
        page.Find("#add-seeds").Input("3, 4 5");
        page.Find("#add-seeds").KeyDown("Enter");
        page.Find("[data-testid=add-seeds-button]").Click();

        // Seed 3 is the experiment's already, so only 4 and 5 are asked for.
        page.WaitForAssertion(() => Assert.Equal([4, 5], Assert.Single(service.SeedsAdded).Seeds), TimeSpan.FromSeconds(5));
        Assert.Equal(5, service.SeedsAdded[0].ExperimentId);

        queries.Detail = Detail(ExperimentStatus.Running, Grid("real", 1_000, 1, RunStatus.Running, lastStep: 3));
        var running = RenderPage();
        Assert.Empty(running.FindAll("[data-testid=add-seeds-form]"));
    }

    /// <summary>Three seeds of real and "low" at one size: σ̂ = 0.4 BLEU (see <see cref="SeedPlanningPanelTests.ThreeSeeds"/>).</summary>
    private static ExperimentRunRow[] ThreeSeedsAtOneSize() => [.. SeedPlanningPanelTests.ThreeSeeds().Where(r => r.TrainSize == 1_000)];

    private static IReadOnlyList<string> PendingSeeds(IRenderedComponent<ExperimentPage> page) =>
        [.. page.FindAll("[data-testid=add-seeds] [data-testid=chip]").Select(c => c.TextContent.Trim())];

    private static IReadOnlyList<string> Range(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void The_seed_plan_resolves_the_difference_in_the_url_and_more_seeds_starts_from_it()
    {
        queries.Detail = Detail(ExperimentStatus.Finished, ThreeSeedsAtOneSize());
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/experiments/5?resolve=0.4");

        var page = RenderPage();

        // 0.4 BLEU is one σ̂: a paired t-test needs 10 seeds for it, so 7 beyond the spec's 1, 2, 3.
        Assert.Equal("10 seeds (7 more)", page.Find("[data-testid=seed-plan-needed]").TextContent.Trim());
        Assert.Equal(Range(4, 10), PendingSeeds(page));
        Assert.Contains("7 more seeds to resolve 0.4 BLEU at 1,000 pairs", page.Find("[data-testid=add-seeds-suggestion]").TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=add-seeds-button]").HasAttribute("disabled"));
    }

    [Fact]
    public void Typing_a_difference_replans_keeps_it_in_the_url_and_refills_more_seeds_until_the_user_edits_them()
    {
        queries.Detail = Detail(ExperimentStatus.Finished, ThreeSeedsAtOneSize());
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        var page = RenderPage();
        var atHalf = SeedPlanning.From(ThreeSeedsAtOneSize(), 0.5).SeedsNeededAtLargestSize!.Value;
        Assert.Equal(Range(4, atHalf), PendingSeeds(page));

        page.Find("#seed-plan-difference").Input("0.4");

        page.WaitForAssertion(
            () =>
            {
                Assert.Equal(Range(4, 10), PendingSeeds(page));
                Assert.EndsWith("?resolve=0.4", navigation.Uri, StringComparison.Ordinal);
                Assert.Equal("10 seeds (7 more)", page.Find("[data-testid=seed-plan-needed]").TextContent.Trim());
            },
            TimeSpan.FromSeconds(5));

        // Once the user removes a seed, the list is theirs: another difference replans but leaves it alone.
        page.FindAll("[data-testid=add-seeds] [data-testid=chip] .mud-chip-close-button").Last().Click();
        page.Find("#seed-plan-difference").Input("0.8");

        // The address changes before the page renders the new plan: wait for both.
        page.WaitForAssertion(
            () =>
            {
                Assert.EndsWith("?resolve=0.8", navigation.Uri, StringComparison.Ordinal);
                Assert.NotEqual("10 seeds (7 more)", page.Find("[data-testid=seed-plan-needed]").TextContent.Trim());
            },
            TimeSpan.FromSeconds(5));
        Assert.Equal(Range(4, 9), PendingSeeds(page));
    }

    [Fact]
    public void The_band_comes_from_the_query_string()
    {
        queries.Detail = Detail(ExperimentStatus.Finished, Grid("real", 1_000, 1, RunStatus.Completed, 20), Grid("real", 1_000, 2, RunStatus.Completed, 22));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/experiments/5?band=range&x=linear");

        var page = RenderPage();

        var chart = page.FindComponent<LearningCurveChart>().Instance;
        Assert.Equal(BandMode.Range, chart.Band);
        Assert.False(chart.LogX);
        Assert.Equal([20.0], chart.Traces.Single(t => t.Name == "real (low)").Y.Cast<double>());
    }

    [Fact]
    public void An_unknown_experiment_says_so()
    {
        var page = RenderPage();

        Assert.NotNull(page.Find("[data-testid=experiment-not-found]"));
    }
}
