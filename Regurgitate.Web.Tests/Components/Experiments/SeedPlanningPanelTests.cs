using Bunit;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class SeedPlanningPanelTests : DashboardTestContext
{
    /// <summary>
    /// At 1,000 pairs "low" trails real data by 2.0, 2.4 and 1.6 BLEU on seeds 1–3: σ̂ = 0.4 on 2 df. At 2,000 only seed 1
    /// has finished.
    /// </summary>
    public static ExperimentRunRow[] ThreeSeeds() =>
    [
        Grid("real", 1_000, 1, RunStatus.Completed, 20.0),
        Grid("real", 1_000, 2, RunStatus.Completed, 21.0),
        Grid("real", 1_000, 3, RunStatus.Completed, 22.5),
        Grid("low", 1_000, 1, RunStatus.Completed, 18.0),
        Grid("low", 1_000, 2, RunStatus.Completed, 18.6),
        Grid("low", 1_000, 3, RunStatus.Completed, 20.9),
        Grid("real", 2_000, 1, RunStatus.Completed, 25.0),
        Grid("low", 2_000, 1, RunStatus.Completed, 23.0),
    ];

    [Fact]
    public void Each_size_shows_its_seeds_spread_detectable_difference_and_seeds_needed_or_why_not()
    {
        var panel = Context.Render<SeedPlanningPanel>(p => p.Add(c => c.Plan, SeedPlanning.From(ThreeSeeds(), 0.4)));

        var rows = panel.FindAll("[data-testid=seed-plan-row]");
        Assert.Equal(["1000", "2000"], rows.Select(r => r.GetAttribute("data-size")));
        Assert.Equal("3", rows[0].QuerySelector("[data-testid=seed-plan-seeds]")!.TextContent.Trim());
        Assert.Equal("0.40 (2)", rows[0].QuerySelector("[data-testid=seed-plan-sd]")!.TextContent.Trim());
        Assert.Equal("1.31 BLEU", rows[0].QuerySelector("[data-testid=seed-plan-detectable]")!.TextContent.Trim());
        Assert.Equal("10 seeds (7 more)", rows[0].QuerySelector("[data-testid=seed-plan-needed]")!.TextContent.Trim());
        Assert.Contains("at least 2 seeds", rows[1].QuerySelector("[data-testid=seed-plan-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Seeds for 0.4 BLEU", panel.Find("[data-testid=seed-plan-table] thead").TextContent, StringComparison.Ordinal);
        Assert.Contains("itself uncertain", panel.Find("[data-testid=seed-plan-assumptions]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_completed_runs_it_says_when_planning_starts()
    {
        var panel = Context.Render<SeedPlanningPanel>(p => p.Add(c => c.Plan, SeedPlanning.From([Grid("real", 1_000, 1, RunStatus.Running)], 0.5)));

        Assert.Contains("at least 2 seeds", panel.Find("[data-testid=seed-plan-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=seed-plan-table]"));
    }

    [Fact]
    public void Typing_a_difference_reports_it_to_the_page()
    {
        var reported = new List<double>();
        var panel = Context.Render<SeedPlanningPanel>(p => p
            .Add(c => c.Plan, SeedPlanning.From(ThreeSeeds(), 0.5))
            .Add(c => c.DifferenceChanged, (double d) => reported.Add(d)));

        panel.Find("#seed-plan-difference").Input("1.5");
        panel.WaitForAssertion(() => Assert.Equal([1.5], reported), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(null, 0.5)]
    [InlineData("1.25", 1.25)]
    [InlineData("0", 0.5)]
    [InlineData("-1", 0.5)]
    [InlineData("abc", 0.5)]
    [InlineData("1e9", 0.5)]
    public void The_difference_in_the_url_falls_back_to_half_a_bleu_point(string? query, double expected)
    {
        Assert.Equal(expected, SeedPlanningPanel.ParseDifference(query));
    }

    [Fact]
    public void The_default_difference_stays_out_of_the_url()
    {
        Assert.Null(SeedPlanningPanel.QueryValue(0.5));
        Assert.Equal("1.25", SeedPlanningPanel.QueryValue(1.25));
    }
}
