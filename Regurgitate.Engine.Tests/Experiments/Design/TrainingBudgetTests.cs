using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.Experiments.Design;

/// <summary>
/// Two conditions at one size whose targets differ in length (real, and a synthetic set keeping the first half of each
/// real target): planned exactly as the runner will train them, with a tokenizer shared by the experiment.
/// </summary>
public sealed class TrainingBudgetTests : IAsyncLifetime, IDisposable
{
    private const string ShortTargets = "test/half-targets";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "regurgitate-budget-" + Guid.NewGuid().ToString("N"));
    private TrainingSetPlanner planner = null!;

    private static ExperimentSpec Spec(TrainingBudget budget) => new()
    {
        Name = "budget",
        CorpusId = "multi30k",
        DevSize = 20,
        TestSize = 20,
        Sizes = [300],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare(ShortTargets)] }],
        Seeds = [1, 2],
        Model = ModelConfig.Tiny with { VocabSize = 300 },
        Training = new TrainingConfig { Epochs = 8, MaxSteps = 10_000, EvaluateEvery = 10_000, TokensPerBatch = 256, WarmupSteps = 4 },
        Budget = budget,
    };

    public async Task InitializeAsync()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.Combine(directory, "datasets") }, Directory.GetCurrentDirectory());
        var repository = new SyntheticDatasetRepository(catalog);
        var loader = new CorpusLoader(catalog);
        var pool = (await loader.LoadSplitsAsync("multi30k", 2_000, 20, 20, 1, CancellationToken.None)).Train;
        var generator = new GeneratorDescriptor { Id = ShortTargets, Name = ShortTargets, Kind = GeneratorKind.Local };
        var set = new SyntheticTargetSet(generator, [.. pool.Select(p => new SyntheticTarget(p.Source, 0, FirstHalf(p.Target), null, new(ShortTargets, null, DateTimeOffset.UnixEpoch)))]);
        await repository.SaveAsync(set, CancellationToken.None);
        SharedTokenizer.Learn(pool, [set], 300, null, CancellationToken.None).Save(Path.Combine(directory, "tokenizer"));
        planner = new TrainingSetPlanner(loader, new TrainingSetComposer(repository));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Under_epochs_the_condition_with_shorter_targets_gets_fewer_steps()
    {
        var planned = await PlanEveryRun(TrainingBudget.Epochs);

        Assert.All(planned.Where(p => p.Point.Condition != ExperimentGrid.RealCondition), p =>
            Assert.True(p.Schedule.Steps < planned.Single(r => r.Point.Condition == ExperimentGrid.RealCondition && r.Point.Seed == p.Point.Seed).Schedule.Steps));
    }

    [Fact]
    public async Task Matched_steps_give_every_condition_the_steps_of_the_real_run_of_its_size_and_seed()
    {
        var planned = await PlanEveryRun(TrainingBudget.MatchedSteps);

        foreach (var seed in new[] { 1, 2 })
        {
            var runs = planned.Where(p => p.Point.Seed == seed).ToList();
            Assert.Equal(2, runs.Count);
            Assert.Single(runs.Select(r => r.Schedule.Steps).Distinct());
            Assert.All(runs, r => Assert.Null(r.Point.Config.Training.Epochs));
        }
    }

    [Fact]
    public async Task Matched_tokens_give_every_condition_the_target_tokens_of_the_real_run_to_within_one_batch()
    {
        var planned = await PlanEveryRun(TrainingBudget.MatchedTokens);

        foreach (var seed in new[] { 1, 2 })
        {
            var real = planned.Single(p => p.Point.Seed == seed && p.Point.Condition == ExperimentGrid.RealCondition).Schedule;
            var synthetic = planned.Single(p => p.Point.Seed == seed && p.Point.Condition != ExperimentGrid.RealCondition).Schedule;
            Assert.InRange(synthetic.TargetTokens, real.TargetTokens, real.TargetTokens + 256);
        }
    }

    [Fact]
    public async Task A_warm_up_over_half_of_a_real_runs_planned_steps_is_refused_with_its_path()
    {
        var spec = Spec(TrainingBudget.MatchedSteps);
        var plan = ExperimentGrid.Expand(spec, Path.Combine(directory, "tokenizer"));
        var references = await PlanReferences(plan);
        var shortest = references.Values.Min(s => s.Steps);

        var longWarmup = plan with { Spec = spec with { Training = spec.Training with { WarmupSteps = (shortest / 2) + 1 } } };
        var error = Assert.Throws<ExperimentSpecException>(() => TrainingBudgets.Apply(longWarmup, references));

        Assert.Equal("training.warmupSteps", Assert.Single(error.Errors).Field);
        Assert.Contains($"{shortest} steps of the all-real run of size 300", error.Message, StringComparison.Ordinal);
        var halfWarmup = plan with { Spec = spec with { Training = spec.Training with { WarmupSteps = shortest / 2 } } };
        Assert.Equal(plan.Runs.Count, TrainingBudgets.Apply(halfWarmup, references).Runs.Count);
    }

    private async Task<Dictionary<(int Size, int Seed), TrainingSchedule>> PlanReferences(ExperimentPlan plan)
    {
        var planned = new Dictionary<(int Size, int Seed), TrainingSchedule>();
        foreach (var (key, config) in TrainingBudgets.References(plan))
        {
            planned[key] = await planner.PlanAsync(config, CancellationToken.None);
        }

        return planned;
    }

    private async Task<List<(GridPoint Point, TrainingSchedule Schedule)>> PlanEveryRun(TrainingBudget budget)
    {
        var plan = ExperimentGrid.Expand(Spec(budget), Path.Combine(directory, "tokenizer"));
        var budgeted = TrainingBudgets.Apply(plan, await PlanReferences(plan));
        var planned = new List<(GridPoint, TrainingSchedule)>();
        foreach (var point in budgeted.Runs)
        {
            planned.Add((point, await planner.PlanAsync(point.Config, CancellationToken.None)));
        }

        return planned;
    }

    private static string FirstHalf(string text)
    {
        var words = text.Split(' ');
        return string.Join(' ', words.Take(Math.Max(1, words.Length / 2)));
    }
}
