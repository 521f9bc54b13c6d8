using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Mitigation;
using Regurgitate.Workbench.Tests.Comparison;

namespace Regurgitate.Workbench.Tests.Mitigation;

public sealed class StrategyComparisonServiceTests : IDisposable
{
    private readonly ComparisonFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private static readonly ExperimentSpec Spec = new()
    {
        Name = "strategies",
        CorpusId = "multi30k",
        Sizes = [100, 200],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("gen/low")] }],
        Strategies = [new StrategySpec(), new StrategySpec { Name = "quality", Order = StrategyOrder.Quality }],
        Seeds = [1, 2, 3],
        Model = ModelConfig.Tiny,
    };

    // Good translations with a seed-dependent quarter of the sentences one word off, so seeds differ a little.
    private static IReadOnlyList<string> Good(IReadOnlyList<SentencePair> pairs, int seed) =>
        [.. pairs.Select((p, i) => i % 4 == seed % 4 ? p.Target.Replace(" runs ", " walks ", StringComparison.Ordinal) : p.Target)];

    // Half of the sentences right (which half depends on the seed), half wrong: between the poor baseline and real data.
    private static IReadOnlyList<string> Half(IReadOnlyList<SentencePair> pairs, int seed) =>
        [.. Good(pairs, seed).Zip(ComparisonFixture.Poor(pairs), (good, poor) => (good, poor)).Select((p, i) => (i + seed) % 2 == 0 ? p.good : p.poor)];

    /// <summary>
    /// 100 pairs, seeds 1–3: real data good, the baseline poor, quality ordering half way. 200 pairs, seeds 1–2: real
    /// data poor and the baseline good, as undertrained real-data models can be.
    /// </summary>
    private async Task<StrategyComparisonService> SeedAsync()
    {
        var pairs = ComparisonFixture.TestSet(80);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            await fixture.AddRunAsync("real", pairs: pairs, hypotheses: Good(pairs, seed), trainSize: 100, seed: seed);
            await fixture.AddRunAsync("gen/low", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs), trainSize: 100, seed: seed);
            await fixture.AddRunAsync("gen/low · quality", pairs: pairs, hypotheses: Half(pairs, seed), trainSize: 100, seed: seed);
        }

        foreach (var seed in new[] { 1, 2 })
        {
            await fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs), trainSize: 200, seed: seed);
            await fixture.AddRunAsync("gen/low", pairs: pairs, hypotheses: Good(pairs, seed), trainSize: 200, seed: seed);
            await fixture.AddRunAsync("gen/low · quality", pairs: pairs, hypotheses: Half(pairs, seed), trainSize: 200, seed: seed);
        }

        await using var context = await fixture.Database.Factory.CreateDbContextAsync();
        await context.Experiments.Where(e => e.Id == fixture.ExperimentId).ExecuteUpdateAsync(set => set.SetProperty(e => e.SpecJson, ExperimentSpecJson.Serialize(Spec)));
        return new StrategyComparisonService(fixture.Database.Factory, fixture.Folders, TestHeavyWork.Scheduler());
    }

    [Fact]
    public async Task Each_condition_is_measured_against_the_baseline_first_and_a_strategy_placed_between_it_and_real_data()
    {
        var service = await SeedAsync();

        var comparison = await service.CompareAsync(fixture.ExperimentId, null, CancellationToken.None);

        Assert.NotNull(comparison);
        Assert.Equal("gen/low", comparison.BaselineCondition);
        Assert.Equal(["real", "gen/low", "gen/low · quality"], comparison.Conditions);
        var real = StrategyComparisonText.Row(comparison, "real", 100)!;
        var quality = StrategyComparisonText.Row(comparison, "gen/low · quality", 100)!;
        Assert.Equal("quality", quality.Strategy);
        Assert.Equal(3, quality.Seeds);
        Assert.True(real.Difference!.Bootstrap.Lower > 0, $"{real.Difference}");
        Assert.NotNull(real.Difference.StudentT);
        Assert.True(real.Difference.IntervalsMeaningful);
        Assert.Null(StrategyComparisonText.Row(comparison, "gen/low", 100)!.Difference);
        Assert.Null(real.Gap);

        // The strategy's share is computed against the very real − baseline the real row shows (same seeds, same resamples).
        Assert.Equal(real.Difference, quality.Gap!.RealMinusBaseline);
        Assert.Equal(quality.Gap.StrategyMinusBaseline, quality.Difference);
        Assert.InRange(quality.Gap.Share!.Percent, 10, 90);
        Assert.InRange(quality.Gap.Share.Percent, quality.Gap.Share.Interval.Lower, quality.Gap.Share.Interval.Upper);
        Assert.StartsWith("nrefs:1|case:mixed", comparison.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_real_data_is_worse_than_the_baseline_no_share_is_given_and_two_seeds_are_flagged()
    {
        var service = await SeedAsync();

        var comparison = (await service.CompareAsync(fixture.ExperimentId, null, CancellationToken.None))!;

        var real = StrategyComparisonText.Row(comparison, "real", 200)!;
        var quality = StrategyComparisonText.Row(comparison, "gen/low · quality", 200)!;
        Assert.True(real.Difference!.Estimate < 0);
        Assert.Null(quality.Gap!.Share);
        Assert.Equal(StrategyComparisonText.RealNotBetter, StrategyComparisonText.Gap(quality));
        Assert.Equal(2, quality.Difference!.Seeds);
        Assert.False(quality.Difference.IntervalsMeaningful);
        Assert.Equal("Fewer than 3 seeds at 200 pairs: the intervals there are not meaningful.", StrategyComparisonText.FewSeedsNotice(comparison));
    }

    [Fact]
    public async Task Only_the_ordered_condition_without_real_data_is_marked_as_training_on_the_same_data_every_seed()
    {
        var service = await SeedAsync();

        var comparison = (await service.CompareAsync(fixture.ExperimentId, null, CancellationToken.None))!;

        Assert.All(comparison.Rows, r => Assert.Equal(r.Condition == "gen/low · quality", r.SameTrainingDataEverySeed));
        Assert.Equal("gen/low · quality †", StrategyComparisonText.Condition(comparison, "gen/low · quality"));
        Assert.Equal("gen/low", StrategyComparisonText.Condition(comparison, "gen/low"));
    }

    [Fact]
    public async Task The_tables_carry_the_same_cells_and_notices_and_escape_latex()
    {
        var service = await SeedAsync();
        var comparison = (await service.CompareAsync(fixture.ExperimentId, null, CancellationToken.None))!;
        var quality = StrategyComparisonText.Row(comparison, "gen/low · quality", 100)!;
        var quality200 = StrategyComparisonText.Row(comparison, "gen/low · quality", 200)!;

        var markdown = StrategyComparisonText.Markdown(comparison);
        var latex = StrategyComparisonText.Latex(comparison);

        Assert.Contains(
            $"| gen/low · quality † | {StrategyComparisonText.Bleu(quality)} | {StrategyComparisonText.Difference(quality)} | {StrategyComparisonText.Gap(quality)} | "
            + $"{StrategyComparisonText.Bleu(quality200)} | {StrategyComparisonText.Difference(quality200)} | real not better at this size |",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains(StrategyComparisonText.FewSeedsNotice(comparison)!, markdown, StringComparison.Ordinal);
        Assert.Contains($"† {StrategyComparisonText.SameDataNote}", markdown, StringComparison.Ordinal);
        Assert.Contains("\\toprule", latex, StringComparison.Ordinal);
        Assert.Contains("gen/low $\\cdot$ quality \\dag{}", latex, StringComparison.Ordinal);
        Assert.Contains(StrategyComparisonText.Gap(quality).Replace("%", "\\%", StringComparison.Ordinal), latex, StringComparison.Ordinal);
        Assert.Contains("$\\pm$", latex, StringComparison.Ordinal);
        Assert.Contains("$\\Delta$ BLEU", latex, StringComparison.Ordinal);
        Assert.Contains("Fewer than 3 seeds at 200 pairs", latex, StringComparison.Ordinal);
        Assert.DoesNotContain("−", latex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_baseline_is_used_and_an_experiment_without_spec_has_no_comparison()
    {
        var service = await SeedAsync();

        var comparison = (await service.CompareAsync(fixture.ExperimentId, "gen/low · quality", CancellationToken.None))!;

        Assert.Equal("gen/low · quality", comparison.BaselineCondition);
        var plain = StrategyComparisonText.Row(comparison, "gen/low", 100)!;
        Assert.True(plain.Difference!.Bootstrap.Upper < 0, $"{plain.Difference}");
        Assert.True(plain.Gap!.Share!.Percent < 0);
        Assert.Null(StrategyComparisonText.Row(comparison, "gen/low · quality", 100)!.Difference);
        Assert.Null(await service.CompareAsync(fixture.ExperimentId + 99, null, CancellationToken.None));
    }

    [Fact]
    public async Task Rows_carry_the_mean_steps_and_tokens_and_sizes_where_one_seeds_conditions_trained_unequal_steps_are_named()
    {
        var service = await SeedAsync();
        await using (var context = await fixture.Database.Factory.CreateDbContextAsync())
        {
            // 100 pairs, matched steps: every condition of a seed trains as long as that seed's all-real run (which differs by seed).
            await context.Runs.Where(r => r.TrainSize == 100).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.LastStep, r => 100 + r.Seed)
                .SetProperty(r => r.TargetTokens, r => 1_000L * r.Seed));
            // 200 pairs, epochs: seed 2 of the baseline trained longer than seed 2 of the others; no budget was recorded.
            await context.Runs.Where(r => r.TrainSize == 200).ExecuteUpdateAsync(set => set.SetProperty(r => r.LastStep, 200));
            await context.Runs.Where(r => r.TrainSize == 200 && r.Seed == 2 && r.Condition == "gen/low").ExecuteUpdateAsync(set => set.SetProperty(r => r.LastStep, 260));
        }

        var comparison = (await service.CompareAsync(fixture.ExperimentId, null, CancellationToken.None))!;

        var quality = StrategyComparisonText.Row(comparison, "gen/low · quality", 100)!;
        Assert.Equal(102, quality.Steps);
        Assert.Equal(2_000, quality.TargetTokens);
        Assert.Null(StrategyComparisonText.Row(comparison, "gen/low", 200)!.Steps);
        Assert.Equal([new StepSpread(200, 200, 260)], comparison.UnequalSteps);
    }
}
