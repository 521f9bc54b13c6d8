using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Web.Tests.Comparison;
using Regurgitate.Workbench.Strategies;

namespace Regurgitate.Web.Tests.Strategies;

public sealed class StrategyComparisonServiceTests : IDisposable
{
    private readonly ComparisonFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static readonly ExperimentSpec Spec = new()
    {
        Name = "strategies",
        CorpusId = "multi30k",
        Sizes = [100, 200],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("gen/low")] }],
        Strategies = [new StrategySpec(), new StrategySpec { Name = "quality", Order = StrategyOrder.Quality }],
        Seeds = [1, 2],
        Model = ModelConfig.Tiny,
    };

    // Half of the sentences right, half wrong: between the poor baseline and real data.
    private static IReadOnlyList<string> Half(IReadOnlyList<SentencePair> pairs) =>
        [.. ComparisonFixture.Good(pairs).Zip(ComparisonFixture.Poor(pairs), (good, poor) => (good, poor)).Select((p, i) => i % 2 == 0 ? p.good : p.poor)];

    private async Task<StrategyComparisonService> SeedAsync()
    {
        var pairs = ComparisonFixture.TestSet(80);
        foreach (var seed in new[] { 1, 2 })
        {
            await _fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs), trainSize: 100, seed: seed);
            await _fixture.AddRunAsync("gen/low", pairs: pairs, hypotheses: ComparisonFixture.Poor(pairs), trainSize: 100, seed: seed);
            await _fixture.AddRunAsync("gen/low · quality", pairs: pairs, hypotheses: Half(pairs), trainSize: 100, seed: seed);
        }

        await _fixture.AddRunAsync("real", pairs: pairs, hypotheses: ComparisonFixture.Good(pairs), trainSize: 200, seed: 1);
        await using var context = await _fixture.Database.Factory.CreateDbContextAsync();
        await context.Experiments.Where(e => e.Id == _fixture.ExperimentId).ExecuteUpdateAsync(set => set.SetProperty(e => e.SpecJson, ExperimentSpecJson.Serialize(Spec)));
        return new StrategyComparisonService(_fixture.Database.Factory, _fixture.Launcher);
    }

    [Fact]
    public async Task Each_strategy_is_placed_between_the_baseline_and_real_data_with_an_interval()
    {
        var service = await SeedAsync();

        var comparison = await service.CompareAsync(_fixture.ExperimentId, null, CancellationToken.None);

        Assert.NotNull(comparison);
        Assert.Equal("gen/low", comparison.BaselineCondition);
        Assert.Equal(["real", "gen/low", "gen/low · quality"], comparison.Conditions);
        var quality = StrategyComparisonText.Row(comparison, "gen/low · quality", 100)!;
        Assert.Equal("quality", quality.Strategy);
        Assert.Equal(2, quality.Seeds);
        Assert.NotNull(quality.Gap);
        Assert.InRange(quality.Gap.GapClosedPercent, 10, 90);
        Assert.True(quality.Gap.Lower <= quality.Gap.GapClosedPercent && quality.Gap.GapClosedPercent <= quality.Gap.Upper);
        Assert.Null(StrategyComparisonText.Row(comparison, "real", 100)!.Gap);
        Assert.Null(StrategyComparisonText.Row(comparison, "gen/low", 100)!.Gap);
        Assert.Equal(1, StrategyComparisonText.Row(comparison, "real", 200)!.Seeds);
        Assert.Null(StrategyComparisonText.Row(comparison, "gen/low", 200));
        Assert.StartsWith("nrefs:1|case:mixed", comparison.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tables_carry_the_same_numbers_and_escape_latex()
    {
        var service = await SeedAsync();
        var comparison = (await service.CompareAsync(_fixture.ExperimentId, null, CancellationToken.None))!;
        var quality = StrategyComparisonText.Row(comparison, "gen/low · quality", 100)!;

        var markdown = StrategyComparisonText.Markdown(comparison);
        var latex = StrategyComparisonText.Latex(comparison);

        Assert.Contains($"| gen/low · quality | {StrategyComparisonText.Bleu(quality)} | {StrategyComparisonText.Gap(quality)} |", markdown, StringComparison.Ordinal);
        Assert.Contains("\\toprule", latex, StringComparison.Ordinal);
        Assert.Contains("gen/low $\\cdot$ quality", latex, StringComparison.Ordinal);
        Assert.Contains(StrategyComparisonText.Gap(quality).Replace("%", "\\%", StringComparison.Ordinal), latex, StringComparison.Ordinal);
        Assert.Contains("$\\pm$", latex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_baseline_is_used_and_an_experiment_without_spec_has_no_comparison()
    {
        var service = await SeedAsync();

        var comparison = (await service.CompareAsync(_fixture.ExperimentId, "gen/low · quality", CancellationToken.None))!;

        Assert.Equal("gen/low · quality", comparison.BaselineCondition);
        Assert.True(StrategyComparisonText.Row(comparison, "gen/low", 100)!.Gap!.GapClosedPercent < 0);
        Assert.Null(await service.CompareAsync(_fixture.ExperimentId + 99, null, CancellationToken.None));
    }
}
